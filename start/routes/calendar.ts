/**
 * The workspace calendar: its page, the JSON of a visible range, and drag-to-reschedule.
 * Behind the `workspace` middleware like every /w/:workspace route (404 for non-members).
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const CalendarController = () => import('#controllers/calendar_controller')

router
  .group(() => {
    router.get('/calendar', [CalendarController, 'show']).as('calendar')
    router.get('/calendar/events', [CalendarController, 'events']).as('calendar.events')
    router
      .patch('/calendar/posts/:post', [CalendarController, 'reschedule'])
      .as('calendar.reschedule')
      .where('post', router.matchers.number())
  })
  .prefix('/w/:workspace')
  .as('workspace')
  .use([middleware.auth(), middleware.workspace()])

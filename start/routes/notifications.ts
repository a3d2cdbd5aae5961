/**
 * The notification bell: the signed-in user's own notices, across their workspaces.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const NotificationsController = () => import('#controllers/notifications_controller')

router
  .group(() => {
    router.get('/', [NotificationsController, 'index']).as('index')
    router.get('/all', [NotificationsController, 'all']).as('all')
    router.post('/read', [NotificationsController, 'markAllRead']).as('read_all')
    router
      .post('/:notification/read', [NotificationsController, 'markRead'])
      .as('read')
      .where('notification', router.matchers.number())
  })
  .prefix('/notifications')
  .as('notifications')
  .use(middleware.auth())

/**
 * Live status over SSE. Every process forwards the pipeline's delivery events to the
 * workspace channel (in the worker, Transmit's Redis transport takes them to the web
 * processes); web and test processes also expose Transmit's routes, for signed-in users
 * only, and check channel membership on subscribe.
 *
 * Transmit itself (and its Redis connections) is created on first use — the first SSE
 * request or the first event — never at boot: tools that boot the app without serving
 * (codegen, the build) would otherwise be kept alive by those connections.
 */
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import router from '@adonisjs/core/services/router'
import emitter from '@adonisjs/core/services/emitter'
import { middleware } from '#start/kernel'
import {
  POSTS_CHANNEL_PATTERN,
  forwardDeliveryStatus,
  mayListen,
} from '#services/live/post_channels'
import { ACTIVITY_CHANNEL_PATTERN } from '#services/reviews/post_activity'

emitter.on('delivery:status_changed', forwardDeliveryStatus)

app.container.resolving('transmit', (transmit) => {
  transmit.authorize<{ id: string }>(POSTS_CHANNEL_PATTERN, mayListen)
  // Post activity (client answers, comments): the same rule, members of the workspace only.
  transmit.authorize<{ id: string }>(ACTIVITY_CHANNEL_PATTERN, mayListen)
})

if (app.getEnvironment() === 'web' || app.getEnvironment() === 'test') {
  const EventStreamController = () =>
    import('@adonisjs/transmit/controllers/event_stream_controller')
  const SubscribeController = () => import('@adonisjs/transmit/controllers/subscribe_controller')
  const UnsubscribeController = () =>
    import('@adonisjs/transmit/controllers/unsubscribe_controller')
  // The same three routes Transmit's registerRoutes() declares, without creating Transmit now.
  // A request without its client id (or channel) is a bad request; Transmit itself would answer 500.
  const requires =
    (...fields: string[]) =>
    async ({ request, response }: HttpContext, next: NextFn) =>
      fields.every(
        (field) => typeof request.input(field) === 'string' && request.input(field) !== ''
      )
        ? next()
        : response.badRequest({ error: `${fields.join(' and ')} required` })
  router.get('__transmit/events', [EventStreamController]).use([middleware.auth(), requires('uid')])
  router
    .post('__transmit/subscribe', [SubscribeController])
    .use([middleware.auth(), requires('uid', 'channel')])
  router
    .post('__transmit/unsubscribe', [UnsubscribeController])
    .use([middleware.auth(), requires('uid', 'channel')])
}

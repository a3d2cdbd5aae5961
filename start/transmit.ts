/**
 * Live status over SSE. Every process forwards the pipeline's delivery events to the
 * workspace channel (in the worker, Transmit's Redis transport takes them to the web
 * processes); web and test processes also expose Transmit's routes, for signed-in users
 * only, and check channel membership on subscribe.
 */
import app from '@adonisjs/core/services/app'
import emitter from '@adonisjs/core/services/emitter'
import { middleware } from '#start/kernel'
import { POSTS_CHANNEL_PATTERN, forwardDeliveryStatus, mayListen } from '#services/live/post_channels'

emitter.on('delivery:status_changed', forwardDeliveryStatus)

if (app.getEnvironment() === 'web' || app.getEnvironment() === 'test') {
  const transmit = await app.container.make('transmit')
  transmit.authorize<{ id: string }>(POSTS_CHANNEL_PATTERN, mayListen)
  transmit.registerRoutes((route) => route.use(middleware.auth()))
}

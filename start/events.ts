/** Application event listeners. */
import emitter from '@adonisjs/core/services/emitter'
import logger from '@adonisjs/core/services/logger'

emitter.on('session_auth:login_succeeded', ({ user }) => {
  logger.info({ userId: user.id }, 'user signed in')
})

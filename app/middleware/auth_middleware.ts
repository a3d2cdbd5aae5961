import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { errors } from '@adonisjs/auth'
import { endStaleSession } from '#services/session_epoch'

/** Requires a signed-in user; browsers are sent to the login page. */
export default class AuthMiddleware {
  redirectTo = '/login'

  async handle(ctx: HttpContext, next: NextFn) {
    await ctx.auth.authenticateUsing(['web'], { loginRoute: this.redirectTo })
    // A session from before the latest password change counts as signed out.
    if (await endStaleSession(ctx)) {
      throw new errors.E_UNAUTHORIZED_ACCESS('Unauthorized access', {
        redirectTo: this.redirectTo,
        guardDriverName: 'session',
      })
    }
    return next()
  }
}

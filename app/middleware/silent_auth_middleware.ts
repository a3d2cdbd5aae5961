import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { endStaleSession } from '#services/session_epoch'
import { isStatelessRoute } from '#services/stateless_routes'

/** Loads the signed-in user when there is one, without requiring it. */
export default class SilentAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    // Stateless routes have no session to read a user from (the API authenticates by token).
    if (isStatelessRoute(ctx.route)) return next()
    await ctx.auth.check()
    // A session from before the latest password change is ended; the request goes on as anonymous.
    await endStaleSession(ctx)
    return next()
  }
}

import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import ShieldMiddleware from '@adonisjs/shield/shield_middleware'
import { isStatelessRoute } from '#services/stateless_routes'

/**
 * The session and shield (CSRF, CSP, frame and HSTS headers) of the routes a browser
 * uses. Stateless routes (API, /health) skip both, so they never create a session or set
 * a cookie. Both are resolved per request from the container, where they are singletons.
 */
export default class BrowserStateMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (isStatelessRoute(ctx.route)) return next()
    const session = await ctx.containerResolver.make(SessionMiddleware)
    const shield = await ctx.containerResolver.make(ShieldMiddleware)
    return session.handle(ctx, () => shield.handle(ctx, next))
  }
}

import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { isStatelessRoute } from '#services/stateless_routes'

interface Middleware {
  handle(ctx: HttpContext, next: NextFn): unknown
}

/**
 * Wraps a middleware of the browser stack (session, shield) so that stateless routes
 * (API, /health) skip it: they never create a session nor set a cookie. The wrapped
 * middleware is resolved from the container per request (it is a singleton there) and
 * gets the runner's own `next`, so an error below it is handled as usual and the session
 * still commits the flash messages of an error page.
 * (`any[]`: any middleware class, whatever its constructor takes; the container builds it.)
 */
export function browserOnly(middleware: abstract new (...args: any[]) => Middleware) {
  return class BrowserOnlyMiddleware {
    async handle(ctx: HttpContext, next: NextFn) {
      if (isStatelessRoute(ctx.route)) return next()
      // `any`: the container's make() wants a concrete class; an abstract constructor type is
      // what lets any middleware class be passed in, and the instance is narrowed just below.
      const instance = await ctx.containerResolver.make(middleware as any)
      return (instance as Middleware).handle(ctx, next)
    }
  }
}

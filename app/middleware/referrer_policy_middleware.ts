import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * `Referrer-Policy: strict-origin-when-cross-origin` on every response, pages, API, static
 * files and error pages alike: a link leaving the app tells the other site only our origin,
 * never a path (which may hold an id or, on the few token routes, a secret). Set on the
 * raw response so the static file server, which bypasses AdonisJS's response, sends it too.
 */
export default class ReferrerPolicyMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    ctx.response.response.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
    return next()
  }
}

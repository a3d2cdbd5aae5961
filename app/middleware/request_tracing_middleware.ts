import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { inSpan, tracingActive } from '#services/telemetry/spans'
import { loggedPath } from '#services/logging/redaction'

/**
 * One server span per request while tracing is on, named by method and route pattern once
 * the route is known (never the raw URL), continuing the caller's trace when a `traceparent`
 * header came with it. Its path attribute is the access log's redacted one.
 */
export default class RequestTracingMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    if (!tracingActive()) return next()
    const method = ctx.request.method()
    return inSpan(
      method,
      {
        kind: 'server',
        carrier: ctx.request.headers(),
        attributes: { 'http.request.method': method },
      },
      async (span) => {
        try {
          return await next()
        } finally {
          const route = ctx.route?.pattern
          if (route) span.rename(`${method} ${route}`)
          const status = ctx.response.getStatus()
          span.set({
            'http.route': route ?? 'unmatched',
            'url.path': loggedPath(ctx),
            'http.response.status_code': status,
          })
          if (status >= 500) span.fail(`HTTP ${status}`)
        }
      }
    )
  }
}

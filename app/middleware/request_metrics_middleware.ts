import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { telemetryHooks } from '#services/telemetry/hooks'

/**
 * Times every request for the HTTP duration histogram, labelled by route pattern (never the
 * URL: ids would make the label unbounded). Does nothing while metrics are off.
 */
export default class RequestMetricsMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const hook = telemetryHooks.httpRequest
    if (!hook) return next()
    const started = performance.now()
    try {
      return await next()
    } finally {
      ctx.response.onFinish(() => {
        try {
          hook({
            method: ctx.request.method(),
            route: ctx.route?.pattern ?? 'unmatched',
            status: ctx.response.getStatus(),
            durationMs: performance.now() - started,
          })
        } catch {}
      })
    }
  }
}

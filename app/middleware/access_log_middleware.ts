import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import logger from '@adonisjs/core/services/logger'
import AccessLog from '#models/access_log'
import { loggedPath } from '#services/logging/redaction'

/**
 * Records every request of a signed-in user once the response is known. The path is the
 * route with its non-secret parameters: a reset or invitation token in the URL never
 * reaches the log, nor does any query string. Writing happens after the response is sent
 * so logging never slows a page down, and a failed write is reported, never turned into
 * an error for the user.
 */
export default class AccessLogMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const startedAt = process.hrtime.bigint()
    try {
      await next()
    } finally {
      const user = ctx.auth?.user
      if (user) {
        const entry = {
          userId: user.id,
          workspaceId: ctx.workspace?.id ?? null,
          ip: ctx.request.ip(),
          userAgent: (ctx.request.header('user-agent') ?? '').slice(0, 512) || null,
          method: ctx.request.method(),
          route: ctx.route?.pattern?.slice(0, 191) ?? null,
          path: loggedPath(ctx).slice(0, 512),
          durationMs: Number((process.hrtime.bigint() - startedAt) / 1_000_000n),
        }
        ctx.response.onFinish(() => {
          AccessLog.create({ ...entry, status: ctx.response.getStatus() }).catch((error) =>
            logger.error({ err: error }, 'could not write access log')
          )
        })
      }
    }
  }
}

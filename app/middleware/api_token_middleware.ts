import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { DateTime } from 'luxon'
import limiter from '@adonisjs/limiter/services/main'
import type ApiToken from '#models/api_token'
import type User from '#models/user'
import Workspace from '#models/workspace'
import WorkspaceMember from '#models/workspace_member'
import { findActiveToken } from '#services/api/tokens'
import { canUseTokenScope } from '#services/roles'
import { apiSettings } from '#services/api/settings'
import { ApiError, normalizeErrorResponse, sendApiError, toApiError } from '#services/api/errors'

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Authenticates /api/v1 requests by bearer token (no session, no CSRF). The token names
 * its workspace; the request acts as the member who created the token, within the
 * token's scope (a read token cannot write) and within what the member's role allows
 * today (#services/roles): a demoted or removed member's tokens lose their power at once. Counts the request against the token's
 * rate limit, and turns every error below it into the API's one error shape.
 */
export default class ApiTokenMiddleware {
  /**
   * `scope: 'read'` lets every method through with a read token: for /mcp, where every call is
   * a POST and the write scope is checked per tool instead.
   */
  async handle(ctx: HttpContext, next: NextFn, options: { scope?: 'read' } = {}) {
    try {
      await this.#authenticate(ctx, options.scope)
      await next()
      normalizeErrorResponse(ctx)
    } catch (error) {
      return sendApiError(ctx, toApiError(error, ctx))
    }
  }

  async #authenticate(ctx: HttpContext, fixedScope?: 'read') {
    const header = ctx.request.header('authorization') ?? ''
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim())
    const unauthenticated = (message: string) =>
      new ApiError(401, 'unauthenticated', message, undefined, {
        'WWW-Authenticate': 'Bearer realm="api"',
      })
    if (!match) throw unauthenticated('Send an API token as "Authorization: Bearer <token>"')
    const token = await findActiveToken(match[1])
    if (!token) throw unauthenticated('This token is unknown, revoked or expired')

    const member = token.createdById
      ? await WorkspaceMember.query()
          .where('workspace_id', token.workspaceId)
          .where('user_id', token.createdById)
          .preload('user')
          .first()
      : null
    if (!member) throw unauthenticated('The member who created this token has left the workspace')
    const needed = fixedScope ?? (READ_METHODS.has(ctx.request.method()) ? 'read' : 'write')
    if (needed === 'write' && token.scope !== 'write') {
      throw new ApiError(403, 'insufficient_scope', 'This token is read-only')
    }
    if (!canUseTokenScope(member.role, needed)) {
      throw new ApiError(
        403,
        'insufficient_role',
        `The member who created this token no longer has a role that may ${needed} through the API`
      )
    }

    const response = await limiter
      .use({ requests: apiSettings.requestsPerMinute, duration: '1 min' })
      .consume(`api_token_${token.id}`)
    ctx.response.header('X-RateLimit-Limit', String(response.limit))
    ctx.response.header('X-RateLimit-Remaining', String(response.remaining))

    ctx.workspace = await Workspace.findOrFail(token.workspaceId)
    ctx.member = member
    ctx.apiToken = token
    ctx.apiActor = member.user
    await touch(token)
  }
}

async function touch(token: ApiToken) {
  const now = DateTime.utc()
  if (token.lastUsedAt && now.toMillis() - token.lastUsedAt.toMillis() < apiSettings.touchEveryMs)
    return
  token.lastUsedAt = now
  await token.save()
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    apiToken: ApiToken
    /** The member the token acts as. */
    apiActor: User
  }
}

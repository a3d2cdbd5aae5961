import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import ApiToken from '#models/api_token'
import { createApiTokenValidator } from '#validators/api'
import { issueToken, revokeToken } from '#services/api/tokens'
import { auditRequest } from '#services/audit'

const toRow = (token: ApiToken) => ({
  id: token.id,
  name: token.name,
  prefix: token.prefix,
  scope: token.scope,
  createdAt: token.createdAt.toISO()!,
  lastUsedAt: token.lastUsedAt?.toISO() ?? null,
  expiresAt: token.expiresAt?.toISO() ?? null,
  revokedAt: token.revokedAt?.toISO() ?? null,
})

/** Settings → API: admins create, name, scope and revoke the workspace's tokens. */
export default class ApiTokensController {
  async index({ inertia, workspace, member, bouncer, session }: HttpContext) {
    await bouncer.with('WorkspacePolicy').authorize('updateSettings', member)
    const tokens = await ApiToken.query().where('workspace_id', workspace.id).orderBy('id', 'desc')
    // The secret of a token just created, flashed once by `store`: never readable again.
    const created = session.flashMessages.get('apiTokenSecret') as
      { id: number; secret: string } | undefined
    return inertia.render('settings/api', { tokens: tokens.map(toRow), created: created ?? null })
  }

  async store(ctx: HttpContext) {
    const { request, response, workspace, member, bouncer, session, auth, i18n } = ctx
    await bouncer.with('WorkspacePolicy').authorize('updateSettings', member)
    const payload = await request.validateUsing(createApiTokenValidator)
    const expiresAt = payload.expiresInDays
      ? DateTime.utc().plus({ days: payload.expiresInDays })
      : null
    const { token, secret } = await issueToken({
      workspaceId: workspace.id,
      name: payload.name,
      scope: payload.scope,
      createdById: auth.user!.id,
      expiresAt,
    })
    await auditRequest(ctx, {
      action: 'api_token.created',
      workspaceId: workspace.id,
      subjectType: 'api_token',
      subjectId: token.id,
      meta: { name: token.name, scope: token.scope },
    })
    session.flash('apiTokenSecret', { id: token.id, secret })
    session.flash('success', i18n.t('api.tokens.flash.created'))
    return response.redirect().toRoute('workspace.api_tokens.index', { workspace: workspace.slug })
  }

  async destroy(ctx: HttpContext) {
    const { params, response, workspace, member, bouncer, session, i18n } = ctx
    const token = await ApiToken.query()
      .where('workspace_id', workspace.id)
      .where('id', Number(params.apiToken) || 0)
      .firstOrFail()
    await bouncer.with('WorkspacePolicy').authorize('updateSettings', member)
    await revokeToken(token)
    await auditRequest(ctx, {
      action: 'api_token.revoked',
      workspaceId: workspace.id,
      subjectType: 'api_token',
      subjectId: token.id,
      meta: { name: token.name },
    })
    session.flash('success', i18n.t('api.tokens.flash.revoked', { name: token.name }))
    return response.redirect().toRoute('workspace.api_tokens.index', { workspace: workspace.slug })
  }
}

import type { HttpContext } from '@adonisjs/core/http'
import { createReviewLink } from '#actions/reviews/create_review_link'
import { revokeReviewLink } from '#actions/reviews/revoke_review_link'
import ReviewLink from '#models/review_link'
import SocialAccount from '#models/social_account'
import NotFoundException from '#exceptions/not_found_exception'
import { auditRequest } from '#services/audit'
import { reviewLinkPrefill, reviewRange } from '#services/reviews/link_input'
import { applyClientApprovalSwitch } from '#services/reviews/approval_switch'
import { reviewUrl } from '#services/reviews/review_tokens'
import ReviewTransformer from '#transformers/review_transformer'
import { createReviewLinkValidator, workspaceReviewSettingsValidator } from '#validators/reviews'
import { fieldError } from '#validators/workspaces'

/**
 * Settings → Client review: the workspace's review links (who made each, when it was last
 * opened), creating one for some posts or for a date range and accounts, revoking one, and
 * the "client approval required" switch. Editors and up create and revoke links (they
 * share their own work); the switch is a workspace setting (admins and owners).
 */
export default class ReviewLinksController {
  async index({ inertia, workspace, member, bouncer, session, request }: HttpContext) {
    await bouncer.with('WorkspacePolicy').authorize('editContent', member)
    const links = await ReviewLink.query()
      .where('workspace_id', workspace.id)
      .preload('createdBy')
      .withCount('posts')
      .orderBy('id', 'desc')
      .limit(200)
    const accounts = await SocialAccount.query()
      .where('workspace_id', workspace.id)
      .whereNot('status', 'disconnected')
      .orderBy('network')
      .orderBy('id')
    // The address of a link just made, flashed once by `store`: its token is never readable again.
    const created = session.flashMessages.get('reviewLinkUrl') as string | undefined
    const q = request.qs()
    return inertia.render('settings/review_links', {
      links: links.map((link) => new ReviewTransformer(link).toObject()),
      accounts: accounts.map((account) => ({
        id: account.id,
        network: account.network,
        handle: account.handle,
        displayName: account.displayName,
      })),
      created: created ?? null,
      clientApprovalRequired: workspace.clientApprovalRequired,
      prefill: reviewLinkPrefill(q, accounts),
    })
  }

  async store(ctx: HttpContext) {
    const { request, response, workspace, member, bouncer, session, auth, i18n } = ctx
    await bouncer.with('WorkspacePolicy').authorize('editContent', member)
    const payload = await request.validateUsing(createReviewLinkValidator)
    const range = reviewRange(workspace, payload)
    if (range === 'invalid') throw fieldError('to', i18n.t('reviews.links.errors.range'))
    if (!range && !payload.postIds?.length)
      throw fieldError('from', i18n.t('reviews.links.errors.choose'))
    const result = await createReviewLink({
      workspace,
      actor: auth.getUserOrFail(),
      label: payload.label,
      postIds: payload.postIds,
      range: range ?? undefined,
      accountIds: payload.accountIds,
      expiresInDays: payload.expiresInDays ?? 14,
      password: payload.password ?? null,
      clientEmail: payload.clientEmail ?? null,
      locale: payload.locale ?? i18n.locale,
    })
    if (result.status !== 'created')
      throw fieldError(
        payload.postIds?.length ? 'postIds' : 'from',
        i18n.t(`reviews.links.errors.${result.status}`)
      )
    await auditRequest(ctx, {
      action: 'review_link.created',
      workspaceId: workspace.id,
      subjectType: 'review_link',
      subjectId: result.link.id,
      meta: { label: result.link.label, posts: result.link.$extras.posts_count ?? null },
    })
    session.flash('reviewLinkUrl', reviewUrl(result.token))
    session.flash('success', i18n.t('reviews.links.flash.created'))
    return response
      .redirect()
      .toRoute('workspace.review_links.index', { workspace: workspace.slug })
  }

  async destroy(ctx: HttpContext) {
    const { params, response, workspace, member, bouncer, session, i18n } = ctx
    await bouncer.with('WorkspacePolicy').authorize('editContent', member)
    const link = await ReviewLink.query()
      .where('workspace_id', workspace.id)
      .where('id', Number(params.reviewLink) || 0)
      .first()
    if (!link) throw new NotFoundException()
    await revokeReviewLink(link)
    await auditRequest(ctx, {
      action: 'review_link.revoked',
      workspaceId: workspace.id,
      subjectType: 'review_link',
      subjectId: link.id,
      meta: { label: link.label },
    })
    session.flash('success', i18n.t('reviews.links.flash.revoked'))
    return response
      .redirect()
      .toRoute('workspace.review_links.index', { workspace: workspace.slug })
  }

  async updateSettings(ctx: HttpContext) {
    const { request, response, workspace, member, bouncer, session, i18n } = ctx
    await bouncer.with('WorkspacePolicy').authorize('updateSettings', member)
    const { clientApprovalRequired } = await request.validateUsing(workspaceReviewSettingsValidator)
    let moved = 0
    if (workspace.clientApprovalRequired !== clientApprovalRequired) {
      workspace.clientApprovalRequired = clientApprovalRequired
      await workspace.save()
      moved = await applyClientApprovalSwitch(workspace, ctx.auth.user?.id ?? null)
      await auditRequest(ctx, {
        action: 'workspace.client_approval_changed',
        workspaceId: workspace.id,
        subjectType: 'workspace',
        subjectId: workspace.id,
        meta: { clientApprovalRequired, postsMoved: moved },
      })
    }
    const flash = !moved ? 'settings' : clientApprovalRequired ? 'settingsHeld' : 'settingsReleased'
    session.flash('success', i18n.t(`reviews.links.flash.${flash}`, { count: moved }))
    return response
      .redirect()
      .toRoute('workspace.review_links.index', { workspace: workspace.slug })
  }
}

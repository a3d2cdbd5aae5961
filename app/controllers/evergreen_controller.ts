import type { HttpContext } from '@adonisjs/core/http'
import EvergreenItem from '#models/evergreen_item'
import SocialAccount from '#models/social_account'
import { saveEvergreen } from '#actions/evergreen/save_evergreen'
import { withdrawUpcoming } from '#actions/evergreen/withdraw_upcoming'
import { evergreenActiveValidator, evergreenValidator } from '#validators/evergreen'
import { evergreenOverview } from '#services/evergreen/overview'
import { auditRequest } from '#services/audit'
import { evergreenSettings } from '#services/evergreen/settings'

/**
 * The evergreen queue: posts re-published in rotation into the posting schedule's free
 * slots. Everyone sees the items, their sends and their next one; editors and up add,
 * change, pause and remove them.
 */
export default class EvergreenController {
  async index({ inertia, workspace, member, bouncer }: HttpContext) {
    await bouncer.with('EvergreenPolicy').authorize('view', member)
    const overview = await evergreenOverview(workspace.id)
    const accounts = await SocialAccount.query()
      .where('workspace_id', workspace.id)
      .whereNot('status', 'disconnected')
      .orderBy('id')
    return inertia.render('evergreen/index', {
      items: overview.items,
      hasSchedule: overview.hasSchedule,
      accountGapHours: evergreenSettings.accountGapHours,
      accounts: accounts.map((a) => ({ id: a.id, network: a.network, handle: a.handle })),
      canEdit: await bouncer.with('EvergreenPolicy').allows('manage', member),
    })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('EvergreenPolicy').authorize('manage', ctx.member)
    return this.#save(ctx)
  }

  async update(ctx: HttpContext) {
    const item = await this.#find(ctx)
    await ctx.bouncer.with('EvergreenPolicy').authorize('manage', ctx.member, item)
    return this.#save(ctx, item)
  }

  /** Pause (its coming sends are withdrawn) or resume. */
  async active(ctx: HttpContext) {
    const { request, response, session, i18n, workspace, auth, bouncer, member } = ctx
    const item = await this.#find(ctx)
    await bouncer.with('EvergreenPolicy').authorize('manage', member, item)
    const { active } = await request.validateUsing(evergreenActiveValidator)
    await item.merge({ active }).save()
    const withdrawn = active ? 0 : await withdrawUpcoming(item, auth.user!)
    await auditRequest(ctx, {
      action: active ? 'evergreen.resumed' : 'evergreen.paused',
      workspaceId: workspace.id,
      subjectType: 'evergreen_item',
      subjectId: item.id,
      meta: { withdrawn },
    })
    session.flash(
      'success',
      active
        ? i18n.t('evergreen.flash.resumed')
        : i18n.t('evergreen.flash.paused', { count: withdrawn })
    )
    return response.redirect().toRoute('workspace.evergreen.index', { workspace: workspace.slug })
  }

  async destroy(ctx: HttpContext) {
    const { response, session, i18n, workspace, auth, bouncer, member } = ctx
    const item = await this.#find(ctx)
    await bouncer.with('EvergreenPolicy').authorize('manage', member, item)
    const withdrawn = await withdrawUpcoming(item, auth.user!)
    await item.delete()
    await auditRequest(ctx, {
      action: 'evergreen.deleted',
      workspaceId: workspace.id,
      subjectType: 'evergreen_item',
      subjectId: item.id,
      meta: { withdrawn },
    })
    session.flash('success', i18n.t('evergreen.flash.deleted', { count: withdrawn }))
    return response.redirect().toRoute('workspace.evergreen.index', { workspace: workspace.slug })
  }

  async #save(ctx: HttpContext, item?: EvergreenItem) {
    const { request, response, session, i18n, workspace, auth } = ctx
    const payload = await request.validateUsing(evergreenValidator)
    const result = await saveEvergreen({ workspace, actor: auth.user!, payload, item })
    if (result.status === 'forbidden') return response.forbidden()
    if (result.status === 'unknown_accounts') {
      session.flashErrors({ targetAccountIds: i18n.t('evergreen.unknownAccounts') })
      return response.redirect().back()
    }
    if (result.status === 'invalid') {
      const problems = result.checks
        .filter((check) => check.issues.length)
        .map(
          (check) =>
            `${check.network}: ${check.issues.map((issue) => i18n.t(`posts.issues.${issue.code}`, issue.params ?? {})).join(' ')}`
        )
      session.flashErrors({
        variants: i18n.t('evergreen.invalidVariant', {
          number: result.variant + 1,
          problems: problems.join(' · '),
        }),
      })
      return response.redirect().back()
    }
    await auditRequest(ctx, {
      action: item ? 'evergreen.updated' : 'evergreen.created',
      workspaceId: workspace.id,
      subjectType: 'evergreen_item',
      subjectId: result.item.id,
      meta: { variants: result.item.variants.length, accounts: result.item.targetAccountIds },
    })
    session.flash('success', i18n.t(`evergreen.flash.${item ? 'updated' : 'created'}`))
    return response.redirect().toRoute('workspace.evergreen.index', { workspace: workspace.slug })
  }

  #find({ params, workspace }: HttpContext) {
    return EvergreenItem.query()
      .where('workspace_id', workspace.id)
      .where('id', Number(params.evergreen_item) || 0)
      .firstOrFail()
  }
}

import type { HttpContext } from '@adonisjs/core/http'
import SocialAccount from '#models/social_account'
import plugins from '#services/plugins'
import { clearPick, findPick, type PendingPick } from '#services/pending_pick'
import NetworkTransformer from '#transformers/network_transformer'
import PickTransformer from '#transformers/pick_transformer'
import { pickAccountsValidator } from '#validators/channel_picks'
import { connectAccounts } from '#actions/channels/connect_accounts'
import { discardPick } from '#actions/channels/discard_pick'

/**
 * The step after an OAuth login that returned several accounts (Facebook Pages, Instagram
 * accounts, LinkedIn member and organisations): the user picks which to connect.
 */
export default class ChannelPicksController {
  async show(ctx: HttpContext) {
    const { inertia, workspace, member, bouncer } = ctx
    await bouncer.with('AccountPolicy').authorize('manage', member)
    const pick = await this.#pending(ctx)
    if (!pick) return this.#backToChannels(ctx)
    const plugin = await plugins.get(pick.network)
    const connected = await SocialAccount.query()
      .where('workspace_id', workspace.id)
      .where('network', pick.network)
      .whereIn(
        'external_id',
        pick.connections.map((connection) => connection.profile.externalId)
      )
      .whereNot('status', 'disconnected')
      .select('external_id')
    const connectedIds = new Set(connected.map((account) => account.externalId))
    return inertia.render('channels/pick', {
      network: new NetworkTransformer(plugin).toObject(),
      candidates: pick.connections.map((connection) =>
        new PickTransformer(connection, connectedIds).toObject()
      ),
      expiresAt: new Date(pick.expiresAt).toISOString(),
    })
  }

  async store(ctx: HttpContext) {
    const { request, response, session, i18n, workspace, member, bouncer } = ctx
    await bouncer.with('AccountPolicy').authorize('manage', member)
    const [errors, payload] = await pickAccountsValidator.tryValidate(request.all())
    if (errors) return response.unprocessableEntity({ errors: errors.messages })
    const pick = await this.#pending(ctx)
    if (!pick) return this.#backToChannels(ctx)
    const byId = new Map(
      pick.connections.map((connection) => [connection.profile.externalId, connection])
    )
    const unknown = payload.accounts.filter((id) => !byId.has(id))
    if (unknown.length)
      return response.unprocessableEntity({
        errors: [
          { field: 'accounts', rule: 'candidate', message: i18n.t('channels.pick.notACandidate') },
        ],
      })

    clearPick(ctx)
    const chosen = payload.accounts.map((id) => byId.get(id)!)
    const saved = await connectAccounts(ctx, {
      workspaceId: workspace.id,
      network: pick.network,
      connections: chosen,
    })
    const plugin = await plugins.get(pick.network)
    session.flash(
      'success',
      i18n.t('channels.pick.connected', {
        network: plugin.displayName,
        names: saved.map((account) => account.displayName).join(', '),
      })
    )
    return response.redirect().toRoute('channels.index', { workspace: workspace.slug })
  }

  /** Cancel: nothing is connected, and a login nothing uses is revoked at the network. */
  async destroy(ctx: HttpContext) {
    const { response, session, i18n, workspace, member, bouncer } = ctx
    await bouncer.with('AccountPolicy').authorize('manage', member)
    const found = findPick(ctx, workspace.id)
    if (found.state !== 'none' && found.pick) {
      clearPick(ctx)
      await discardPick(found.pick)
    }
    if (found.state === 'ok') session.flash('success', i18n.t('channels.pick.cancelled'))
    return response.redirect().toRoute('channels.index', { workspace: workspace.slug })
  }

  /** The live pick for this user and workspace; an expired one is discarded (its unused grant revoked) on the way. */
  async #pending(ctx: HttpContext): Promise<PendingPick | null> {
    const found = findPick(ctx, ctx.workspace.id)
    if (found.state === 'ok') return found.pick
    if (found.state === 'expired') {
      if (found.pick) await discardPick(found.pick)
      ctx.session.flash('error', ctx.i18n.t('channels.pick.expired'))
    } else {
      ctx.session.flash('error', ctx.i18n.t('channels.pick.nothingPending'))
    }
    return null
  }

  #backToChannels({ response, workspace }: HttpContext) {
    return response.redirect().toRoute('channels.index', { workspace: workspace.slug })
  }
}

import type { HttpContext } from '@adonisjs/core/http'
import logger from '@adonisjs/core/services/logger'
import SocialAccount from '#models/social_account'
import Workspace from '#models/workspace'
import WorkspaceMember from '#models/workspace_member'
import { CONNECT_FAILURES } from '#sdk'
import plugins from '#services/plugins'
import { auditRequest } from '#services/audit'
import ChannelTransformer from '#transformers/channel_transformer'
import NetworkTransformer from '#transformers/network_transformer'
import {
  credentialsConnectionValidator,
  instanceConnectionValidator,
  instanceOrigin,
  oauthCallbackValidator,
} from '#validators/channels'
import { beginOAuthConnection } from '#actions/channels/begin_oauth_connection'
import { finishOAuthConnection } from '#actions/channels/finish_oauth_connection'
import { connectAccounts } from '#actions/channels/connect_accounts'
import { disconnectAccount } from '#actions/channels/disconnect_account'
import { stashPick } from '#services/pending_pick'
import { oauthRedirectUri } from '#services/oauth_redirect'

/** The Channels page: the workspace's connected network accounts, connect and disconnect. */
export default class ChannelsController {
  async index({ inertia, workspace, member, bouncer }: HttpContext) {
    await bouncer.with('AccountPolicy').authorize('view', member)
    const accounts = await SocialAccount.query()
      .where('workspace_id', workspace.id)
      .whereNot('status', 'disconnected')
      .orderBy('network')
      .orderBy('display_name')
    const networks = await plugins.enabled()
    return inertia.render('channels/index', {
      channels: accounts.map((account) => new ChannelTransformer(account).toObject()),
      networks: networks.map((plugin) =>
        new NetworkTransformer(plugin).forConnecting(
          {
            missing: plugins.missingSetup(plugin),
            consoleUrl: plugins.setupConsoleUrl(plugin),
            callbackUrl: oauthRedirectUri(plugin.id),
          },
          plugins.settingsFor(plugin).urls
        )
      ),
    })
  }

  /** OAuth networks: send the browser to the network's consent screen. */
  async authorize(ctx: HttpContext) {
    const { params, request, response, session, i18n, workspace, member, bouncer, inertia } = ctx
    await bouncer.with('AccountPolicy').authorize('manage', member)
    const plugin = await plugins.get(params.network)
    // Never send the browser to a network with an empty client id: the admin has to set it up first.
    if (plugins.missingSetup(plugin).length) {
      session.flash('error', i18n.t('channels.setup.refused', { network: plugin.displayName }))
      return response.redirect().toRoute('channels.index', { workspace: workspace.slug })
    }
    const { instance } = await request.validateUsing(instanceConnectionValidator)
    const instanceUrl = instance ? instanceOrigin(instance) : undefined
    const url = await beginOAuthConnection(ctx, plugin, { workspaceId: workspace.id, instanceUrl })
    if (url.status !== 'ok') {
      session.flash(
        'error',
        i18n.t('channels.errors.connectFailed', { network: plugin.displayName })
      )
      return response.redirect().back()
    }
    return request.header('x-inertia') ? inertia.location(url.value) : response.redirect(url.value)
  }

  /** Credentials networks (Bluesky): the values typed in the connect form. */
  async connectWithCredentials(ctx: HttpContext) {
    const { params, request, response, session, i18n, workspace, member, bouncer } = ctx
    await bouncer.with('AccountPolicy').authorize('manage', member)
    const plugin = await plugins.get(params.network)
    if (plugin.auth.kind !== 'credentials')
      return response.badRequest({ error: 'not_a_credentials_network' })
    const context = plugins.contextFor(plugin)
    const { values } = await request.validateUsing(
      credentialsConnectionValidator(
        plugin.id,
        plugin.auth.fields,
        Object.values(context.settings.urls)
      )
    )
    const result = await plugin.auth.connect(context, values as Record<string, string>)
    if (result.status !== 'ok') {
      const code = result.status === 'error' ? result.code : undefined
      // What failed, for the admin: the reason names the server and the step, never a secret.
      logger.warn(
        { network: plugin.id, workspaceId: workspace.id, code, reason: result.reason },
        'credentials connect failed'
      )
      // The plugin's own words first (a bot that is not an admin of the channel), then the app's.
      const own = code ? plugin.auth.messages?.[code] : undefined
      const known = CONNECT_FAILURES.find((failure) => failure === code)
      const message = known
        ? `channels.errors.connect.${known}`
        : 'channels.errors.credentialsRejected'
      session.flash(
        'error',
        own
          ? i18n.locale.startsWith('fr')
            ? own.fr
            : own.en
          : i18n.t(message, { network: plugin.displayName })
      )
      return response.redirect().back()
    }
    await connectAccounts(ctx, {
      workspaceId: workspace.id,
      network: plugin.id,
      connections: result.value,
    })
    session.flash('success', i18n.t('channels.connected', { network: plugin.displayName }))
    return response.redirect().toRoute('channels.index', { workspace: workspace.slug })
  }

  /** The network sends the browser back here after consent. */
  async callback(ctx: HttpContext) {
    const { params, request, response, session, i18n, auth } = ctx
    const plugin = await plugins.get(params.network)
    const input = await request.validateUsing(oauthCallbackValidator, { data: request.qs() })
    const { pending, result } = await finishOAuthConnection(ctx, plugin, input)
    if (!pending) {
      session.flash('error', i18n.t('channels.errors.invalidState'))
      return response.redirect().toPath('/')
    }
    // The user's rights may have changed during the round trip: check them again.
    const workspace = await Workspace.find(pending.workspaceId)
    const member = workspace
      ? await WorkspaceMember.query()
          .where('workspace_id', workspace.id)
          .where('user_id', auth.user!.id)
          .first()
      : null
    if (!workspace || !(await ctx.bouncer.with('AccountPolicy').allows('manage', member))) {
      session.flash('error', i18n.t('channels.errors.invalidState'))
      return response.redirect().toPath('/')
    }
    if (result.status !== 'ok') {
      session.flash(
        'error',
        i18n.t('channels.errors.connectFailed', { network: plugin.displayName })
      )
      return response.redirect().toRoute('channels.index', { workspace: workspace.slug })
    }
    // Several accounts from one login (Pages, organisations): the user picks which to connect.
    if (plugin.auth.picker && result.value.length > 1) {
      stashPick(ctx, { network: plugin.id, workspaceId: workspace.id, connections: result.value })
      return response.redirect().toRoute('channels.pick.show', { workspace: workspace.slug })
    }
    await connectAccounts(ctx, {
      workspaceId: workspace.id,
      network: plugin.id,
      connections: result.value,
    })
    session.flash('success', i18n.t('channels.connected', { network: plugin.displayName }))
    return response.redirect().toRoute('channels.index', { workspace: workspace.slug })
  }

  async disconnect(ctx: HttpContext) {
    const { params, response, session, i18n, workspace, member, bouncer } = ctx
    await bouncer.with('AccountPolicy').authorize('manage', member)
    const account = await SocialAccount.query()
      .where('workspace_id', workspace.id)
      .where('id', params.channel)
      .whereNot('status', 'disconnected')
      .firstOrFail()
    const revocation = await disconnectAccount(account)
    await auditRequest(ctx, {
      action: 'channel.disconnected',
      workspaceId: workspace.id,
      subjectType: 'social_account',
      subjectId: account.id,
      meta: { network: account.network, revocation },
    })
    // A sibling still uses the login: say that access was not withdrawn from the network.
    const message =
      revocation === 'shared_grant_kept'
        ? 'channels.disconnectedGrantKept'
        : 'channels.disconnected'
    session.flash('success', i18n.t(message, { name: account.displayName }))
    return response.redirect().toRoute('channels.index', { workspace: workspace.slug })
  }
}

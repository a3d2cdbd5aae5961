import type { HttpContext } from '@adonisjs/core/http'
import type { NetworkPlugin, Result } from '#sdk'
import { failed, ok } from '#sdk'
import plugins from '#services/plugins'
import { beginAuthorization } from '#services/oauth_state'
import { oauthRedirectUri } from '#services/oauth_redirect'
import { instanceApp } from '#services/channels/instance_app'

/**
 * Starts an OAuth connection: remembers state and PKCE verifier in the session and
 * returns the network's authorization URL to send the browser to.
 */
export async function beginOAuthConnection(
  ctx: HttpContext,
  plugin: NetworkPlugin,
  input: { workspaceId: number; instanceUrl?: string }
): Promise<Result<string>> {
  const auth = plugin.auth
  const context = plugins.contextFor(plugin)
  const redirectUri = oauthRedirectUri(plugin.id)
  const userId = ctx.auth.getUserOrFail().id

  if (auth.kind === 'oauth2') {
    const { state, codeChallenge } = beginAuthorization(ctx, {
      network: plugin.id,
      workspaceId: input.workspaceId,
      userId,
    })
    return ok(
      auth.authorizationUrl(context, {
        state,
        redirectUri,
        codeChallenge: auth.pkce ? codeChallenge : undefined,
      })
    )
  }
  if (auth.kind === 'instance_oauth') {
    if (!input.instanceUrl) return failed('instance_required', false)
    const app = await instanceApp(auth, context, {
      network: plugin.id,
      instanceUrl: input.instanceUrl,
      redirectUri,
    })
    if (app.status !== 'ok') return app
    const { state, codeChallenge } = beginAuthorization(ctx, {
      network: plugin.id,
      workspaceId: input.workspaceId,
      userId,
      instanceUrl: input.instanceUrl,
      clientId: app.value.clientId,
    })
    return ok(
      auth.authorizationUrl(context, {
        instanceUrl: input.instanceUrl,
        clientId: app.value.clientId,
        state,
        redirectUri,
        codeChallenge: auth.pkce ? codeChallenge : undefined,
      })
    )
  }
  return failed('not_an_oauth_network', false)
}

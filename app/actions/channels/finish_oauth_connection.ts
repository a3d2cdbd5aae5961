import type { HttpContext } from '@adonisjs/core/http'
import type { Connection, NetworkPlugin, Result } from '#sdk'
import { failed } from '#sdk'
import plugins from '#services/plugins'
import { takeAuthorization, type PendingAuthorization } from '#services/oauth_state'
import { oauthRedirectUri } from '#services/oauth_redirect'
import { instanceApp } from '#services/channels/instance_app'

/**
 * Completes an OAuth connection from the network's callback: checks the state against
 * the session (single use), then redeems the code with the PKCE verifier.
 */
export async function finishOAuthConnection(
  ctx: HttpContext,
  plugin: NetworkPlugin,
  input: { code?: string; state?: string; error?: string }
): Promise<{ pending: PendingAuthorization | null; result: Result<Connection[]> }> {
  const pending = takeAuthorization(ctx, input.state ?? '', plugin.id)
  if (!pending) return { pending, result: failed('invalid_state', false) }
  if (input.error || !input.code)
    return { pending, result: failed(input.error ?? 'access_denied', false) }

  const auth = plugin.auth
  const context = plugins.contextFor(plugin)
  const redirectUri = oauthRedirectUri(plugin.id)
  if (auth.kind === 'oauth2') {
    const result = await auth.exchangeCode(context, {
      code: input.code,
      redirectUri,
      codeVerifier: auth.pkce ? pending.codeVerifier : undefined,
    })
    return { pending, result }
  }
  if (auth.kind === 'instance_oauth' && pending.instanceUrl) {
    const app = await instanceApp(auth, context, {
      network: plugin.id,
      instanceUrl: pending.instanceUrl,
      redirectUri,
    })
    if (app.status !== 'ok') return { pending, result: app }
    const result = await auth.exchangeCode(context, {
      instanceUrl: pending.instanceUrl,
      ...app.value,
      code: input.code,
      redirectUri,
      codeVerifier: auth.pkce ? pending.codeVerifier : undefined,
    })
    return { pending, result }
  }
  return { pending, result: failed('not_an_oauth_network', false) }
}

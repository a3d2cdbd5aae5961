import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { InstanceOAuth, PluginContext, Result } from '#sdk'
import { ok } from '#sdk'
import { openSecret, sealSecret } from '#services/token_vault'

const purpose = (network: string, instanceUrl: string) => `instance-app:${network}:${instanceUrl}`

/**
 * The app's registration on an instance (Mastodon), made once and reused by every
 * workspace that connects an account there. The client secret is stored encrypted.
 */
export async function instanceApp(
  auth: InstanceOAuth,
  ctx: PluginContext,
  input: { network: string; instanceUrl: string; redirectUri: string }
): Promise<Result<{ clientId: string; clientSecret: string }>> {
  const where = {
    network: input.network,
    instance_url: input.instanceUrl,
    redirect_uri: input.redirectUri,
  }
  const cached = await db.from('oauth_instance_apps').where(where).first()
  if (cached) {
    const clientSecret = openSecret(
      cached.client_secret_ciphertext,
      purpose(input.network, input.instanceUrl)
    )
    if (clientSecret) return ok({ clientId: cached.client_id, clientSecret })
  }
  const registered = await auth.registerApp(ctx, {
    instanceUrl: input.instanceUrl,
    redirectUri: input.redirectUri,
  })
  if (registered.status !== 'ok') return registered
  await db.from('oauth_instance_apps').where(where).delete()
  await db.table('oauth_instance_apps').insert({
    ...where,
    client_id: registered.value.clientId,
    client_secret_ciphertext: sealSecret(
      registered.value.clientSecret,
      purpose(input.network, input.instanceUrl)
    ),
    created_at: DateTime.now().toSQL({ includeOffset: false }),
  })
  return registered
}

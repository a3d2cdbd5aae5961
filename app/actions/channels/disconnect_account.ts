import { DateTime } from 'luxon'
import logger from '@adonisjs/core/services/logger'
import type SocialAccount from '#models/social_account'
import plugins from '#services/plugins'
import { forgetToken, openToken } from '#services/token_vault'
import { isGrantInUse } from '#actions/channels/grant_in_use'

/** Cached profile data of a disconnected account is kept at most this long (privacy policy). */
export const PURGE_AFTER_DAYS = 30

/**
 * What happened at the network. `shared_grant_kept`: another connected account uses the same
 * login grant (a sibling Facebook Page), so only the local token was deleted.
 */
export type RevocationOutcome = 'revoked' | 'not_supported' | 'failed' | 'no_token' | 'shared_grant_kept'

/**
 * Disconnects an account: asks the network to revoke the token where it can — unless a
 * sibling account still relies on the same grant — then deletes the token locally whatever
 * the network answered (a network that is down must not leave a usable token behind), and
 * schedules the cached profile for purge.
 */
export async function disconnectAccount(account: SocialAccount): Promise<RevocationOutcome> {
  const token = openToken(account)
  let outcome: RevocationOutcome = 'no_token'
  if (token) {
    const plugin = await plugins.get(account.network)
    if (!plugin.capabilities.revocable) {
      outcome = 'not_supported'
    } else if (account.grantKey && (await isGrantInUse({ grant: account.grantKey, network: account.network, exceptAccountId: account.id }))) {
      outcome = 'shared_grant_kept'
    } else {
      const result = await plugin.auth.revoke({
        ...plugins.contextFor(plugin),
        account: account.toPluginProfile(),
        token,
      })
      outcome = result.status === 'ok' ? 'revoked' : 'failed'
      if (result.status !== 'ok') logger.warn({ accountId: account.id, status: result.status }, 'token revocation failed')
    }
  }
  forgetToken(account)
  account.status = 'disconnected'
  account.grantKey = null
  account.disconnectedAt = DateTime.now()
  account.purgeAfter = DateTime.now().plus({ days: PURGE_AFTER_DAYS })
  await account.save()
  return outcome
}

import { DateTime } from 'luxon'
import type SocialAccount from '#models/social_account'
import { forgetToken } from '#services/token_vault'
import { revokeAtNetwork, type NetworkOutcome } from '#services/privacy/token_revocation'

/** Cached profile data of a disconnected account is kept at most this long (privacy policy). */
export const PURGE_AFTER_DAYS = 30

/** What happened at the network (see revokeAtNetwork); the local token is deleted in every case. */
export type RevocationOutcome = Exclude<NetworkOutcome, 'dry_run'>

/**
 * Disconnects an account: asks the network to revoke the token where it can — unless a
 * sibling account still relies on the same grant — then deletes the token locally whatever
 * the network answered (a network that is down must not leave a usable token behind), and
 * schedules the cached profile for purge.
 */
export async function disconnectAccount(account: SocialAccount): Promise<RevocationOutcome> {
  const { outcome } = await revokeAtNetwork(account)
  forgetToken(account)
  account.status = 'disconnected'
  account.grantKey = null
  account.disconnectedAt = DateTime.now()
  account.purgeAfter = DateTime.now().plus({ days: PURGE_AFTER_DAYS })
  await account.save()
  return outcome
}

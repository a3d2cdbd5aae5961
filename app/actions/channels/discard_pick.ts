import logger from '@adonisjs/core/services/logger'
import { isRevocable } from '#sdk'
import plugins from '#services/plugins'
import type { PendingPick } from '#services/pending_pick'
import { isGrantInUse } from '#services/channels/grant_in_use'

export type DiscardOutcome = 'revoked' | 'in_use' | 'not_supported' | 'failed'

/**
 * A pick the user cancelled (or let expire) leaves a live grant at the network that nothing
 * will use: revoke it — unless an account connected anywhere already relies on that login
 * (an earlier connection of a sibling Page, or of one of these very accounts).
 */
export async function discardPick(pick: PendingPick): Promise<DiscardOutcome> {
  const [first] = pick.connections
  if (!first) return 'in_use'
  const plugin = await plugins.get(pick.network)
  const revoke = plugin.auth.revoke
  if (!isRevocable(plugin.capabilities) || !revoke) return 'not_supported'
  const inUse = await isGrantInUse({
    grant: first.profile.grant,
    network: pick.network,
    externalIds: pick.connections.map((connection) => connection.profile.externalId),
  })
  if (inUse) return 'in_use'
  // The candidates share one grant: revoking through any of them ends it.
  const result = await revoke.call(plugin.auth, {
    ...plugins.contextFor(plugin),
    account: first.profile,
    token: first.token,
  })
  if (result.status !== 'ok')
    logger.warn({ network: pick.network, status: result.status }, 'revoking an unused login failed')
  return result.status === 'ok' ? 'revoked' : 'failed'
}

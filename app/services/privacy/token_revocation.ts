import logger from '@adonisjs/core/services/logger'
import SocialAccount from '#models/social_account'
import Workspace from '#models/workspace'
import User from '#models/user'
import { isRevocable } from '#sdk'
import plugins from '#services/plugins'
import { forgetToken, openToken } from '#services/token_vault'
import { isGrantInUse } from '#services/channels/grant_in_use'

/** Which accounts `tokens:revoke` acts on; exactly one criterion. */
export type RevocationTarget =
  | { user: string }
  | { workspace: string }
  | { account: number }
  | { network: string }
  | { all: true }

/**
 * What happened at the network; the local token is gone in every case but a dry run.
 * `shared_grant_kept`: another account still holding a token uses the same login grant
 * (sibling Facebook Pages, a LinkedIn member and their organisations), so the grant was not
 * revoked at the network; accounts are revoked in turn, so the last one of a set revokes it.
 */
export type NetworkOutcome =
  'revoked' | 'not_supported' | 'failed' | 'no_token' | 'dry_run' | 'shared_grant_kept'

export interface RevocationLine {
  accountId: number
  workspaceId: number
  network: string
  handle: string
  outcome: NetworkOutcome
  /** Short, secret-free reason when the network could not revoke. */
  detail: string | null
}

export type ResolvedTarget = { ok: true; accounts: SocialAccount[] } | { ok: false; error: string }

/** The accounts holding a token (or not yet marked) that match the target; disconnected ones have none. */
export async function accountsFor(target: RevocationTarget): Promise<ResolvedTarget> {
  const query = SocialAccount.query().whereNot('status', 'disconnected').orderBy('id')
  if ('user' in target) {
    const user = await User.findBy('email', target.user.trim().toLowerCase())
    if (!user) return { ok: false, error: `No user with e-mail ${target.user}` }
    query.where('connected_by_id', user.id)
  } else if ('workspace' in target) {
    const workspace = await Workspace.findBy('slug', target.workspace)
    if (!workspace) return { ok: false, error: `No workspace with slug ${target.workspace}` }
    query.where('workspace_id', workspace.id)
  } else if ('account' in target) {
    query.where('id', target.account)
    const found = await query
    if (!found.length) return { ok: false, error: `No connected account #${target.account}` }
    return { ok: true, accounts: found }
  } else if ('network' in target) {
    query.where('network', target.network)
  }
  return { ok: true, accounts: await query }
}

/**
 * Asks the network to revoke the account's token where its plugin can, then deletes the
 * token locally whatever the answer (a network that is down must not leave a usable token
 * behind) and marks the account as needing reconnection: the team sees it and can
 * reconnect, its posts and history stay.
 */
export async function revokeAccountToken(
  account: SocialAccount,
  reason: string
): Promise<RevocationLine> {
  const { outcome, detail } = await revokeAtNetwork(account)
  forgetToken(account)
  account.status = 'needs_reconnection'
  account.lastError = reason
  await account.save()
  return line(account, outcome, detail)
}

export function describeWithoutRevoking(account: SocialAccount): RevocationLine {
  return line(account, account.tokenCiphertext ? 'dry_run' : 'no_token', null)
}

/** Revokes every account of the target one by one; a failure at one network does not stop the others. */
export async function revokeTokens(
  accounts: SocialAccount[],
  options: { dryRun?: boolean; reason: string }
) {
  const lines: RevocationLine[] = []
  for (const account of accounts) {
    lines.push(
      options.dryRun
        ? describeWithoutRevoking(account)
        : await revokeAccountToken(account, options.reason)
    )
  }
  return lines
}

/**
 * Asks the network to revoke the account's token where its plugin can, unless another account
 * still uses the same login grant. Never throws: whatever happens, the caller deletes the
 * local token. Shared by disconnecting (Channels page) and `tokens:revoke`.
 */
export async function revokeAtNetwork(
  account: SocialAccount
): Promise<{ outcome: Exclude<NetworkOutcome, 'dry_run'>; detail: string | null }> {
  let token
  try {
    token = openToken(account)
  } catch {
    token = null
  }
  if (!token)
    return {
      outcome: 'no_token',
      detail: account.tokenCiphertext ? 'token could not be decrypted' : null,
    }
  try {
    const plugin = await plugins.get(account.network)
    const revoke = plugin.auth.revoke
    if (!isRevocable(plugin.capabilities) || !revoke)
      return { outcome: 'not_supported', detail: null }
    if (
      account.grantKey &&
      (await isGrantInUse({
        grant: account.grantKey,
        network: account.network,
        exceptAccountId: account.id,
      }))
    ) {
      return { outcome: 'shared_grant_kept', detail: null }
    }
    const result = await revoke.call(plugin.auth, {
      ...plugins.contextFor(plugin),
      account: account.toPluginProfile(),
      token,
    })
    if (result.status === 'ok') return { outcome: 'revoked', detail: null }
    logger.warn({ accountId: account.id, status: result.status }, 'token revocation failed')
    return { outcome: 'failed', detail: result.reason.slice(0, 200) }
  } catch (error) {
    // An unknown or disabled plugin, or a bug in one: the local token still goes.
    logger.warn({ accountId: account.id, err: error }, 'token revocation failed')
    return {
      outcome: 'failed',
      detail: error instanceof Error ? error.message.slice(0, 200) : 'unexpected error',
    }
  }
}

function line(
  account: SocialAccount,
  outcome: NetworkOutcome,
  detail: string | null
): RevocationLine {
  return {
    accountId: account.id,
    workspaceId: account.workspaceId,
    network: account.network,
    handle: account.handle,
    outcome,
    detail,
  }
}

/** Counts per outcome, for summaries and the audit entry. */
export function tally(lines: RevocationLine[]) {
  const counts: Record<NetworkOutcome, number> = {
    revoked: 0,
    not_supported: 0,
    failed: 0,
    no_token: 0,
    dry_run: 0,
    shared_grant_kept: 0,
  }
  for (const entry of lines) counts[entry.outcome]++
  return counts
}

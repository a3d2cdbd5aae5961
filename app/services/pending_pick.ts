import type { HttpContext } from '@adonisjs/core/http'
import encryption from '@adonisjs/core/services/encryption'
import type { Connection } from '#sdk'

/** The accounts one login returned, waiting for the user to choose which to connect. */
export interface PendingPick {
  network: string
  workspaceId: number
  expiresAt: number
  connections: Connection[]
}

/** What rests in the session: the candidates (tokens included) sealed, the rest in clear to check cheaply. */
interface StoredPick {
  network: string
  workspaceId: number
  userId: number
  expiresAt: number
  sealed: string
}

const TTL_MS = 10 * 60_000
/** The seal outlives the pick, so an expired pick found later can still be opened to revoke its unused grant. */
const SEAL_TTL = '1h'
const KEY = 'channels.pendingPick'

/** Sealed for this user, workspace and network: a blob moved into another session or pick does not open. */
const purposeOf = (pick: Pick<StoredPick, 'userId' | 'workspaceId' | 'network'>) =>
  `pending-pick:${pick.userId}:${pick.workspaceId}:${pick.network}`

/**
 * The account picker's state between the OAuth callback and the user's choice, kept in the
 * server-side session like the OAuth state (oauth_state.ts). The candidates' tokens are
 * encrypted before they reach the session store, so none rests in Redis in clear. One pick
 * per session (a new login replaces it), ten minutes, single use.
 */
export function stashPick(ctx: HttpContext, input: Omit<PendingPick, 'expiresAt'>) {
  const stored = {
    network: input.network,
    workspaceId: input.workspaceId,
    userId: ctx.auth.user!.id,
    expiresAt: Date.now() + TTL_MS,
  }
  const sealed = encryption.encrypt(input.connections, {
    purpose: purposeOf(stored),
    expiresIn: SEAL_TTL,
  })
  ctx.session.put(KEY, { ...stored, sealed } satisfies StoredPick)
}

export type PickLookup =
  | { state: 'ok'; pick: PendingPick }
  | { state: 'none' }
  | { state: 'expired'; pick: PendingPick | null }

/**
 * The pending pick the signed-in user started for this workspace. Another workspace's or
 * user's pick is `none` and stays untouched; an expired one is removed from the session.
 */
export function findPick(ctx: HttpContext, workspaceId: number): PickLookup {
  const stored = ctx.session.get(KEY) as StoredPick | undefined
  if (!stored || stored.workspaceId !== workspaceId || stored.userId !== ctx.auth.user?.id)
    return { state: 'none' }
  const connections = encryption.decrypt<Connection[]>(stored.sealed, purposeOf(stored))
  const pick = connections
    ? { network: stored.network, workspaceId, expiresAt: stored.expiresAt, connections }
    : null
  if (!pick || stored.expiresAt < Date.now()) {
    ctx.session.forget(KEY)
    return { state: 'expired', pick }
  }
  return { state: 'ok', pick }
}

/** Ends the pick (used or cancelled): the same candidates cannot be submitted twice. */
export function clearPick(ctx: HttpContext) {
  ctx.session.forget(KEY)
}

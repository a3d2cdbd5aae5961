import { createHash, randomBytes } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'

/** What the app remembers between sending the user to a network and the network sending them back. */
export interface PendingAuthorization {
  network: string
  workspaceId: number
  userId: number
  codeVerifier: string
  instanceUrl?: string
  clientId?: string
  expiresAt: number
}

const TTL_MS = 10 * 60_000
const key = (state: string) => `oauth.pending.${state}`

/**
 * OAuth `state` and PKCE verifier, kept in the server-side session: the state proves
 * the callback answers a request this browser started (CSRF), the verifier proves the
 * code is redeemed by whoever asked for it. Single use, ten minutes.
 */
export function beginAuthorization(
  ctx: HttpContext,
  pending: Omit<PendingAuthorization, 'codeVerifier' | 'expiresAt'>
) {
  const state = randomBytes(24).toString('base64url')
  const codeVerifier = randomBytes(48).toString('base64url')
  ctx.session.put(key(state), {
    ...pending,
    codeVerifier,
    expiresAt: Date.now() + TTL_MS,
  } satisfies PendingAuthorization)
  return {
    state,
    codeVerifier,
    codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url'),
  }
}

/** The pending authorization for this state, consumed; null when unknown, expired, for another network or user. */
export function takeAuthorization(
  ctx: HttpContext,
  state: string,
  network: string
): PendingAuthorization | null {
  if (!state) return null
  const pending = ctx.session.pull(key(state)) as PendingAuthorization | undefined
  if (!pending || pending.expiresAt < Date.now() || pending.network !== network) return null
  if (pending.userId !== ctx.auth.user?.id) return null
  return pending
}

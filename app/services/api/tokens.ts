import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import ApiToken, { type ApiScope } from '#models/api_token'

const TOKEN_PREFIX = 'pp_'

export function hashToken(raw: string) {
  return createHash('sha256').update(raw, 'utf8').digest('hex')
}

/**
 * Creates a token for a workspace and returns it with its secret — the only time the
 * secret exists outside the caller's hands: only its SHA-256 is stored.
 */
export async function issueToken(input: {
  workspaceId: number
  name: string
  scope: ApiScope
  createdById: number
  expiresAt?: DateTime | null
}) {
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
  const token = await ApiToken.create({
    workspaceId: input.workspaceId,
    name: input.name,
    scope: input.scope,
    prefix: secret.slice(0, 10),
    tokenHash: hashToken(secret),
    createdById: input.createdById,
    expiresAt: input.expiresAt ?? null,
    lastUsedAt: null,
    revokedAt: null,
  })
  return { token, secret }
}

/** The token a bearer secret names, if it is well-formed, known, not revoked and not expired. */
export async function findActiveToken(secret: string) {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null
  const token = await ApiToken.findBy('token_hash', hashToken(secret))
  return token?.isActive() ? token : null
}

export async function revokeToken(token: ApiToken) {
  if (token.revokedAt) return token
  token.revokedAt = DateTime.utc()
  await token.save()
  return token
}

/**
 * The secrets of one connected account, as the plugin needs them. The app stores
 * this object encrypted (AES-256-GCM) and only ever decrypts it to call a plugin.
 */
export interface TokenSet {
  accessToken: string
  refreshToken?: string | null
  /** Epoch milliseconds; absent when the token does not expire (or the network does not say). */
  expiresAt?: number | null
  scopes?: string[]
  /** Network-specific secrets (Bluesky app password, page tokens, session DIDs…). */
  extra?: Record<string, string>
}

/** True when the token expires within `marginMs` (refresh before expiry, not after). */
export function expiresSoon(token: TokenSet, now = Date.now(), marginMs = 5 * 60_000) {
  return typeof token.expiresAt === 'number' && token.expiresAt - marginMs <= now
}

export function expiresAtFrom(expiresInSeconds: number | undefined | null, now = Date.now()) {
  return typeof expiresInSeconds === 'number' && expiresInSeconds > 0
    ? now + expiresInSeconds * 1000
    : null
}

import { DateTime } from 'luxon'
import encryption from '@adonisjs/core/services/encryption'
import type { TokenSet } from '#sdk'
import type SocialAccount from '#models/social_account'

/**
 * The only code that reads or writes an account's secrets. Tokens are sealed with
 * AES-256-GCM under APP_KEY and bound to their account (the purpose string), so a
 * ciphertext copied onto another row does not decrypt.
 */
function purposeOf(account: Pick<SocialAccount, 'workspaceId' | 'network' | 'externalId'>) {
  return `social-token:${account.workspaceId}:${account.network}:${account.externalId}`
}

export function sealToken(account: SocialAccount, token: TokenSet) {
  account.tokenCiphertext = encryption.encrypt(token, { purpose: purposeOf(account) })
  account.tokenExpiresAt = token.expiresAt ? DateTime.fromMillis(token.expiresAt) : null
}

export function openToken(account: SocialAccount): TokenSet | null {
  if (!account.tokenCiphertext) return null
  return encryption.decrypt<TokenSet>(account.tokenCiphertext, purposeOf(account))
}

export function forgetToken(account: SocialAccount) {
  account.tokenCiphertext = null
  account.tokenExpiresAt = null
}

/** Secrets that are not bound to one account (an instance app's client secret). */
export function sealSecret(value: string, purpose: string) {
  return encryption.encrypt(value, { purpose })
}

export function openSecret(ciphertext: string, purpose: string) {
  return encryption.decrypt<string>(ciphertext, purpose)
}

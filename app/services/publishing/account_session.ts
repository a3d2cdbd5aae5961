import { setTimeout as sleep } from 'node:timers/promises'
import { randomUUID } from 'node:crypto'
import redis from '@adonisjs/redis/services/main'
import {
  expiresSoon,
  failed,
  unauthorized,
  type AccountContext,
  type Failed,
  type NetworkPlugin,
  type PluginContext,
  type TokenSet,
  type Unauthorized,
} from '#sdk'
import type SocialAccount from '#models/social_account'
import { openToken, sealToken } from '#services/token_vault'
import { publishingConfig, redisKey } from '#services/publishing/settings'
import { report, telemetryHooks } from '#services/telemetry/hooks'

const LOCK_TTL_MS = 30_000
const LOCK_WAIT_MS = 15_000
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`

/** Refreshed tokens may rotate (X): one refresh per account at a time, across workers. */
async function withRefreshLock<T>(accountId: number, work: () => Promise<T>): Promise<T> {
  const key = redisKey(`refresh:${accountId}`)
  const owner = randomUUID()
  const connection = redis.connection()
  const deadline = Date.now() + LOCK_WAIT_MS
  while ((await connection.set(key, owner, 'PX', LOCK_TTL_MS, 'NX')) !== 'OK') {
    if (Date.now() > deadline)
      throw new Error(`token refresh lock of account ${accountId} not released`)
    await sleep(50)
  }
  try {
    return await work()
  } finally {
    await connection.eval(RELEASE, 1, key, owner)
  }
}

/**
 * Decrypted tokens by account and ciphertext. Opening one (a key derivation, AES-GCM, JSON)
 * on every publish job was the largest CPU item of the job's own code after SQL. The key
 * holds everything the ciphertext is bound to (token_vault.ts's purpose), so a ciphertext
 * copied onto another row still has to decrypt on its own; a refreshed or reconnected token
 * is a new ciphertext, hence a new entry. Bounded: the oldest entries go first. Worker memory
 * only — it already holds APP_KEY, which opens every token.
 */
const opened = new Map<string, TokenSet | null>()
const OPENED_MAX = 1000

function openTokenCached(account: SocialAccount): TokenSet | null {
  if (!account.tokenCiphertext) return null
  const key = `${account.id}:${account.workspaceId}:${account.network}:${account.externalId}:${account.tokenCiphertext}`
  if (!opened.has(key)) {
    if (opened.size >= OPENED_MAX) opened.delete(opened.keys().next().value!)
    opened.set(key, openToken(account))
  }
  const token = opened.get(key)
  // A copy: a plugin may change the object it is handed.
  return token ? structuredClone(token) : null
}

/**
 * An account's decrypted token for the length of one plugin call, refreshed before it
 * expires and once after an `unauthorized`. A refresh the network refuses comes back as
 * `unauthorized` (the account needs reconnecting); one that fails transiently as a
 * retryable error, so a network hiccup never disconnects an account.
 */
export class AccountSession {
  #token: TokenSet | null

  constructor(
    readonly account: SocialAccount,
    // `any`: a session serves every network; each plugin's options type is its own.
    readonly plugin: NetworkPlugin<any>,
    readonly context: PluginContext
  ) {
    this.#token = openTokenCached(account)
  }

  get ctx(): AccountContext {
    return { ...this.context, account: this.account.toPluginProfile(), token: this.#token! }
  }

  /** Ready to call the network, refreshing first when the token expires soon. */
  async open(): Promise<'ready' | Failed | Unauthorized> {
    if (!this.#token) return unauthorized('The account has no stored token')
    if (!expiresSoon(this.#token, Date.now(), publishingConfig().refreshMarginMs)) return 'ready'
    const refreshed = await this.refresh()
    return refreshed === 'ok' ? 'ready' : refreshed
  }

  /** Runs a plugin call; on `unauthorized`, refreshes once and runs it once more. */
  async call<R extends { status: string }>(
    fn: (ctx: AccountContext) => Promise<R>
  ): Promise<R | Failed | Unauthorized> {
    const first = await fn(this.ctx)
    if (first.status !== 'unauthorized') return first
    const refreshed = await this.refresh()
    if (refreshed !== 'ok') return refreshed
    return fn(this.ctx)
  }

  async refresh(): Promise<'ok' | Failed | Unauthorized> {
    const refresh = this.plugin.auth.refresh
    if (!refresh) return unauthorized('The network rejected the token and it cannot be refreshed')
    const stale = this.#token
    return withRefreshLock(this.account.id, async () => {
      // Another worker may have refreshed while we waited: use its token.
      await this.account.refresh()
      const current = openToken(this.account)
      if (current && stale && current.accessToken !== stale.accessToken) {
        this.#token = current
        return 'ok' as const
      }
      if (!current) return unauthorized('The account has no stored token')
      const result = await refresh.call(this.plugin.auth, {
        ...this.context,
        account: this.account.toPluginProfile(),
        token: current,
      })
      report(telemetryHooks.tokenRefresh, this.plugin.id, result.status)
      if (result.status === 'ok') {
        sealToken(this.account, result.value)
        await this.account.save()
        this.#token = result.value
        return 'ok' as const
      }
      const reason = `token refresh failed: ${result.reason}`
      if (result.status === 'unauthorized' || (result.status === 'error' && !result.retryable))
        return unauthorized(reason)
      return failed(reason, true, 'refresh_failed')
    })
  }
}

import type { DateTime } from 'luxon'
import redis from '@adonisjs/redis/services/main'
import { analyticsConfig, statsKey } from '#services/analytics/settings'

/**
 * A network that answered `rate_limited` is left alone for that account until its
 * `retryAfter` has passed. The instant is stored (not only a TTL) so the collector's
 * clock decides, which keeps the rule testable with a moved clock.
 */
export async function deferAccount(accountId: number, now: DateTime, retryAfterSeconds: number) {
  const waitMs = Math.max(1, retryAfterSeconds) * analyticsConfig().msPerNetworkSecond
  const until = now.toMillis() + waitMs
  // The key outlives the wait a little in real time, then cleans itself up.
  await redis.set(statsKey(`defer:${accountId}`), String(until), 'PX', waitMs + 60_000)
  return until
}

/** The instant before which the account must not be called, or null. */
export async function deferredUntil(accountId: number, now: DateTime): Promise<number | null> {
  const value = await redis.get(statsKey(`defer:${accountId}`))
  const until = value ? Number(value) : 0
  return until > now.toMillis() ? until : null
}

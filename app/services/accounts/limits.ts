import type { Limiter } from '@adonisjs/limiter'
import { minutesUntil } from '#start/limiter'

/**
 * Counts one request against each limiter (key) in turn and returns the minutes to wait
 * announced by the first one exceeded, or null when none is.
 */
export async function firstLimitExceeded(limits: ReadonlyArray<readonly [Limiter, string]>) {
  for (const [limiter, key] of limits) {
    const state = await limiter.increment(key)
    if (state.consumed > limiter.requests) return minutesUntil(state.availableIn)
  }
  return null
}

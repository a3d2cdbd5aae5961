import { rateLimited, type Result } from '#sdk'

/**
 * YouTube answers 403 when the project's daily quota (or a per-user rate) is spent. Nothing was
 * done and the same call works later, so that is rate limiting, not a refusal: quota resets at
 * midnight Pacific time.
 */
export function mapQuota<T>(result: Result<T>, now = new Date()): Result<T> {
  if (result.status !== 'error' || result.httpStatus !== 403) return result
  if (/quota/i.test(result.reason)) return rateLimited(secondsToPacificMidnight(now), result.reason)
  if (/rate ?limit/i.test(result.reason)) return rateLimited(60, result.reason)
  return result
}

/** Seconds until the next midnight in America/Los_Angeles. */
export function secondsToPacificMidnight(now: Date) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/Los_Angeles',
    hour12: false,
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  })
    .formatToParts(now)
    .reduce<Record<string, number>>(
      (acc, part) => (part.type === 'literal' ? acc : { ...acc, [part.type]: Number(part.value) }),
      {}
    )
  const elapsed = ((parts.hour % 24) * 60 + parts.minute) * 60 + parts.second
  return Math.max(60, 86_400 - elapsed)
}

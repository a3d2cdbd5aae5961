import { failed, ok, rateLimited, type HttpResponse, type Result } from '#sdk'

/** Reddit's `api_type=json` answer: validation problems come back as HTTP 200 with `json.errors`. */
export interface RedditJson<T> {
  json?: { errors?: [string, string, string?][]; data?: T; ratelimit?: number }
}

/**
 * Maps `json.errors` to results: RATELIMIT ("…try again in 5 minutes.") is a wait; every
 * other code (SUBREDDIT_NOEXIST, SUBMIT_VALIDATION_FLAIR_REQUIRED, NO_TEXT, TOO_LONG…) is a
 * problem with the post that the same call will hit again: not retryable.
 */
export function unwrapJson<T>(result: Result<HttpResponse<RedditJson<T>>>): Result<T> {
  if (result.status !== 'ok') return result
  const json = result.value.body?.json
  const [first] = json?.errors ?? []
  if (first) {
    const [code, message, field] = first
    const reason = `${code}: ${message}${field ? ` (${field})` : ''}`
    if (code === 'RATELIMIT') return rateLimited(json?.ratelimit ?? waitFrom(message), reason)
    const mapped =
      code === 'SUBMIT_VALIDATION_FLAIR_REQUIRED' ? 'flair_required' : code.toLowerCase()
    return failed(reason, false, mapped, { httpStatus: 200, networkError: code })
  }
  return ok((json?.data ?? {}) as T)
}

/** "try again in 7 minutes" / "in 30 seconds" / "in 1 millisecond" → seconds. */
export function waitFrom(message: string) {
  const match = /(\d+)\s*(millisecond|second|minute|hour)/i.exec(message)
  if (!match) return 60
  const unit = match[2].toLowerCase()
  const factor = unit === 'hour' ? 3600 : unit === 'minute' ? 60 : unit === 'second' ? 1 : 0.001
  return Math.max(1, Number(match[1]) * factor)
}

import { redactReason } from './redact.js'

/**
 * What a plugin call returns. Expected failures are values, never exceptions:
 * the publishing pipeline decides what to do from `status` alone.
 */
export type Ok<T> = { status: 'ok'; value: T }
/** The network refused or failed; `retryable` says whether the same call may succeed later. */
export type Failed = {
  status: 'error'
  retryable: boolean
  reason: string
  /** `http_<status>` for HTTP failures, or a plugin's own code. */
  code?: string
  httpStatus?: number
  /** The network's own error name when it gives one (XRPC `ExpiredToken`, OAuth `invalid_grant`). */
  networkError?: string
}
/** The token is no longer accepted: refresh once, then ask the user to reconnect. */
export type Unauthorized = { status: 'unauthorized'; reason: string }
/** Slow down: nothing was done; try again after `retryAfter` seconds. */
export type RateLimited = { status: 'rate_limited'; retryAfter: number; reason: string }
/** Accepted, still processing at the network (video, containers): check again after `checkAfter` seconds. */
export type Pending = { status: 'pending'; checkAfter: number; handle: string }
/**
 * The request may have reached the network but no answer came back (timeout, reset).
 * Never blind-retry: reconcile through the plugin's lookup, else mark the delivery unknown.
 */
export type Ambiguous = { status: 'ambiguous'; reason: string }

export type Failure = Failed | Unauthorized | RateLimited | Ambiguous
export type Result<T> = Ok<T> | Failure
export type PublishOutcome<T> = Ok<T> | Pending | Failure

export const ok = <T>(value: T): Ok<T> => ({ status: 'ok', value })
// Every reason is stored and shown to users: the constructors mask the credentials a
// reason may carry (a URL with a token in its path, a network echoing a refused token).
export const failed = (
  reason: string,
  retryable: boolean,
  code?: string,
  details: { httpStatus?: number; networkError?: string } = {}
): Failed => ({
  status: 'error',
  retryable,
  reason: redactReason(reason),
  ...(code ? { code } : {}),
  ...(details.httpStatus ? { httpStatus: details.httpStatus } : {}),
  ...(details.networkError ? { networkError: details.networkError } : {}),
})
export const unauthorized = (reason = 'The network rejected the access token'): Unauthorized => ({
  status: 'unauthorized',
  reason: redactReason(reason),
})
export const rateLimited = (
  retryAfter: number,
  reason = 'Rate limited by the network'
): RateLimited => ({
  status: 'rate_limited',
  retryAfter: Math.max(1, Math.ceil(retryAfter)),
  reason: redactReason(reason),
})
export const pending = (handle: string, checkAfter: number): Pending => ({
  status: 'pending',
  handle,
  checkAfter,
})
export const ambiguous = (reason: string): Ambiguous => ({
  status: 'ambiguous',
  reason: redactReason(reason),
})

export function isOk<T>(result: { status: string }): result is Ok<T> {
  return result.status === 'ok'
}

import { failed, unauthorized, type Failure, type Result } from '#sdk'

/**
 * X answers 403 for very different things, and only some of them are about the token:
 * - duplicate content ("You are not allowed to create a Tweet with duplicate content."):
 *   the same call will never succeed, and reconnecting would not help → error, not retryable;
 * - a token lacking a scope, or an auth method the endpoint refuses ("unsupported-authentication",
 *   app-only tokens): reconnecting with the right consent fixes it → unauthorized;
 * - anything else (suspended or locked account, app not enrolled, protected action) → error,
 *   not retryable, with X's own words so the user can act.
 * X's problem bodies carry no `error` name (duplicates say `type: about:blank`), so the only
 * signal is the detail the SDK copies into `reason`.
 */
export function mapForbidden<T>(result: Result<T>): Result<T> {
  if (result.status !== 'error' || result.code !== 'http_403') return result
  return classifyForbidden(result.reason)
}

export function classifyForbidden(reason: string): Failure {
  const details = { httpStatus: 403 }
  if (/duplicate content/i.test(reason)) return failed(reason, false, 'duplicate_content', details)
  if (/scope|unsupported.authentication|application.only|oauth/i.test(reason))
    return unauthorized(reason)
  return failed(reason, false, 'forbidden', details)
}

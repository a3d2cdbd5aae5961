import { failed, rateLimited, unauthorized, type Result } from '#sdk'

/**
 * Graph answers no Retry-After: the X-Business-Use-Case-Usage header that says when access
 * returns is not kept by the SDK, so a throttled call waits a fixed five minutes.
 */
export const RATE_LIMIT_WAIT_SECONDS = 300

/**
 * Graph (Facebook, Instagram and Threads alike) answers most errors with HTTP 400 and
 * `{error: {message, type, code}}`; the SDK keeps only the message (in `reason`), so the code is
 * read from it. Meta prefixes messages with "(#code)" except for OAuthException 190 (invalid or
 * expired token), spotted by its wording.
 * - 190 and permission errors (#10, #200–#299): reconnecting fixes them → unauthorized;
 * - 4, 17, 32, 613 and the 800xx business-use-case throttles → rate_limited;
 * - 1 and 2 (Meta's "unknown" and "service temporarily unavailable") → retryable.
 * Anything else (bad parameters…) stays a final error.
 */
export function mapGraphError<T>(result: Result<T>): Result<T> {
  if (result.status !== 'error' || result.retryable) return result
  const reason = result.reason
  if (
    /\(#(4|17|32|613|80001|80002|80004|80005|80006|80008|80014)\)|request limit reached|too many calls/i.test(
      reason
    )
  ) {
    return rateLimited(RATE_LIMIT_WAIT_SECONDS, reason)
  }
  if (
    /\(#190\)|error validating access token|invalid oauth access token|session has been invalidated|\(#(10|2\d\d)\)/i.test(
      reason
    )
  ) {
    return unauthorized(reason)
  }
  if (/\(#(1|2)\)|temporarily unavailable|unexpected error/i.test(reason))
    return failed(reason, true, result.code, result)
  return result
}

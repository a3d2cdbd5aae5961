/**
 * Limits of the public API. Mutable on purpose, like config/media.ts: tests lower the rate
 * limit for one case. Generous by default — Postiz's 90 calls an hour is a complaint.
 */
export const apiSettings = {
  /** Requests one token may make per minute, counted in Redis across web replicas. */
  requestsPerMinute: 300,
  /** Longest page a list endpoint returns. */
  maxPageSize: 100,
  /** `last_used_at` is written at most this often per token (not on every request). */
  touchEveryMs: 60_000,
}

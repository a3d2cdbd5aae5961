/**
 * Timing and limits of the publishing pipeline (app/services/publishing). Read at call
 * time through `publishingConfig()`, so tests can shrink every delay to milliseconds.
 */
export interface PublishingConfig {
  /** How long a claimed delivery belongs to its worker before the reconciler may resolve it. */
  leaseMs: number
  /** Attempts (claims) a delivery gets for retryable errors before it is failed. */
  maxAttempts: number
  /** Exponential backoff of retryable errors: base × 2^(attempt-1), capped. */
  backoffBaseMs: number
  backoffMaxMs: number
  /** `rate_limited` waits that do not cost an attempt; past this they count like errors. */
  freeRateLimitWaits: number
  /** Milliseconds per second of a network's `retryAfter` / `checkAfter` (1000 in production). */
  msPerNetworkSecond: number
  /** `checkStatus` polls of a pending publish before the delivery is marked unknown. */
  maxStatusChecks: number
  /** Publishes running at once per network, across all workers (Redis semaphore). */
  perNetworkConcurrency: number
  /** A job that finds its network at the limit waits this long for a slot, then wakes up again this much later. */
  networkBusyRetryMs: number
  /** How often the reconciler runs (a job scheduler on the publish queue). */
  reconcileEveryMs: number
  /** A delivery due this long without a live job is re-enqueued by the reconciler. */
  reconcileGraceMs: number
  /** Refresh a token this long before it expires. */
  refreshMarginMs: number
}

const publishingConfig: PublishingConfig = {
  leaseMs: 10 * 60_000,
  maxAttempts: 5,
  backoffBaseMs: 30_000,
  backoffMaxMs: 30 * 60_000,
  freeRateLimitWaits: 5,
  msPerNetworkSecond: 1000,
  maxStatusChecks: 30,
  // Enough that a few networks together fill the worker (config/queue.ts) in a burst, while no
  // single network ever gets more than this many requests at once from the whole install.
  perNetworkConcurrency: 8,
  // A job that finds its network full waits this long for a slot (network_slots.ts), then
  // re-arms itself this much later. Short: a long wait made one busy network's posts seconds
  // late (bench/publish_precision.ts).
  networkBusyRetryMs: 100,
  reconcileEveryMs: 30_000,
  reconcileGraceMs: 5000,
  refreshMarginMs: 5 * 60_000,
}

export default publishingConfig

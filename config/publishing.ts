/**
 * Timing and limits of the publishing pipeline (app/services/publishing). Read at call
 * time through `publishingConfig()`, so tests can shrink every delay to milliseconds.
 */
export interface PublishingConfig {
  /**
   * How long a claim or a publish slot belongs to its worker without being renewed. The
   * live worker renews its leases on every heartbeat (config/queue.ts), and a worker frees
   * a dead one's at once when it can tell (same machine); this is the bound for the rest.
   * Keep it several heartbeat intervals long.
   */
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
  /**
   * Delayed re-checks of an unanswered publish (ambiguity.ts) before the user is asked: the
   * first after the network's read-after-write delay, the next ones after the retry backoff
   * too, so with the shipped backoff the question stays open about a quarter of an hour.
   */
  maxRechecks: number
  /**
   * Publishes running at once per account, across all workers (Redis semaphore): networks
   * rate-limit per account, and one slow account must never hold up another.
   */
  perAccountConcurrency: number
  /** Optional ceilings per network id across every account (e.g. `{ bluesky: 16 }`); none by default. */
  networkCeilings: Record<string, number>
  /** A job that finds its account at the limit waits this long for a slot its own process frees, then ends. */
  networkBusyRetryMs: number
  /**
   * A delivery refused a slot is woken when one is released (network_slots.ts); this is the
   * fallback wake-up under that, should the releasing worker die before it wakes anyone.
   */
  slotWakeFallbackMs: number
  /** How often the reconciler runs (a job scheduler on the publish queue). */
  reconcileEveryMs: number
  /** A delivery due this long without a live job is re-enqueued by the reconciler. */
  reconcileGraceMs: number
  /** Refresh a token this long before it expires. */
  refreshMarginMs: number
}

const publishingConfig: PublishingConfig = {
  leaseMs: 20_000,
  maxAttempts: 5,
  backoffBaseMs: 30_000,
  backoffMaxMs: 30 * 60_000,
  freeRateLimitWaits: 5,
  msPerNetworkSecond: 1000,
  maxStatusChecks: 30,
  maxRechecks: 6,
  // Enough that a few accounts together fill the worker (config/queue.ts) in a burst, while no
  // account ever gets more than this many requests at once from the whole install.
  perAccountConcurrency: 8,
  networkCeilings: {},
  // A job that finds its account full waits this long for a slot its own process frees
  // (network_slots.ts), then ends; the release of a slot wakes the delivery again.
  networkBusyRetryMs: 100,
  // Not a poll: releases wake waiting deliveries. Only the net under a lost wake-up.
  slotWakeFallbackMs: 5000,
  // Short enough that deliveries whose wake-up Redis lost (restarted empty) are re-armed
  // within 30 s, grace included.
  reconcileEveryMs: 10_000,
  reconcileGraceMs: 5000,
  refreshMarginMs: 5 * 60_000,
}

export default publishingConfig

/**
 * Metrics collection (app/services/analytics) and the analytics pages. Read at call time
 * through `analyticsConfig()`, so tests can change the schedule on the live object.
 */
export interface CollectionStep {
  /** The step applies while the post is younger than this (time since publication). */
  untilAgeMs: number
  /** Time between two collections of a post in this step. */
  everyMs: number
}

export interface AnalyticsConfig {
  /** How often the repeatable collection job runs on the `stats` queue. */
  runEveryMs: number
  /**
   * Often while a post is young, then less often; past the last step nothing more is
   * collected for it. Steps are ordered by `untilAgeMs`.
   */
  schedule: CollectionStep[]
  /** Ids handed to one `fetchStats` call; the plugin splits further to its network's own limit. */
  batchSize: number
  /** Deliveries looked at in one run, oldest due first; the rest wait for the next run. */
  maxDeliveriesPerRun: number
  /** Followers and other account figures are read this often per account. */
  accountEveryMs: number
  /** Milliseconds per second of a network's `retryAfter` (1000 in production). */
  msPerNetworkSecond: number
  /** Longest custom period the pages accept, in days. */
  maxPeriodDays: number
  /** Rows of the "top posts" table. */
  topPosts: number
}

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour

const analyticsConfig: AnalyticsConfig = {
  runEveryMs: 5 * minute,
  schedule: [
    { untilAgeMs: 6 * hour, everyMs: 15 * minute },
    { untilAgeMs: 3 * day, everyMs: hour },
    { untilAgeMs: 30 * day, everyMs: day },
  ],
  batchSize: 100,
  maxDeliveriesPerRun: 2000,
  accountEveryMs: day,
  msPerNetworkSecond: 1000,
  maxPeriodDays: 366,
  topPosts: 10,
}

export default analyticsConfig

import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import type { AnalyticsConfig } from '#config/analytics'
import type { QueueConfig } from '#queue/types'

/** Read at call time so tests can change the schedule on the live config object. */
export const analyticsConfig = () => app.config.get<AnalyticsConfig>('analytics')

/** Redis keys of the collector live under the queue prefix, so test runs and installs stay apart. */
export const statsKey = (suffix: string) =>
  `${app.config.get<QueueConfig>('queue').prefix}:stats:${suffix}`

/** Age past which a post is no longer collected: the end of the schedule's last step. */
export function maxCollectionAgeMs() {
  const { schedule } = analyticsConfig()
  return Math.max(0, ...schedule.map((step) => step.untilAgeMs))
}

/**
 * When a post collected at `now` is next due, from its age and the schedule; null once it
 * is older than the last step (nothing more is collected for it).
 */
export function nextDueAt(publishedAt: DateTime, now: DateTime): DateTime | null {
  const age = now.toMillis() - publishedAt.toMillis()
  const step = [...analyticsConfig().schedule]
    .sort((a, b) => a.untilAgeMs - b.untilAgeMs)
    .find((s) => age < s.untilAgeMs)
  return step ? now.plus({ milliseconds: step.everyMs }) : null
}

/** A timestamp read back from either driver: a Date (pg) or `yyyy-MM-dd HH:mm:ss` UTC text (SQLite). */
export function fromSql(value: string | Date | null | undefined): DateTime | null {
  if (!value) return null
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone: 'utc' })
  const text = String(value)
  return text.includes('T')
    ? DateTime.fromISO(text, { zone: 'utc' })
    : DateTime.fromSQL(text, { zone: 'utc' })
}

/** SUM() comes back as a string from pg (bigint) and a number from SQLite; null stays null ("n/a"). */
export const toCount = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value)

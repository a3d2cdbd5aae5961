import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { LucidModel } from '@adonisjs/lucid/types/model'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { PublishingConfig } from '#config/publishing'
import type { QueueConfig } from '#queue/types'
import { redactReason } from '#sdk/redact'
import { leaseName } from '#queue/process_identity'
import { modelFromRow } from '#services/publishing/row_models'

/** Read at call time so tests can shrink delays on the live config object. */
export const publishingConfig = () => app.config.get<PublishingConfig>('publishing')

/** Redis keys of the pipeline live under the queue prefix, so test runs and installs stay apart. */
export const redisKey = (suffix: string) =>
  `${app.config.get<QueueConfig>('queue').prefix}:publishing:${suffix}`

/**
 * A timestamp as Lucid stores it on this connection, in UTC. Raw compare-and-set queries
 * must bind exactly this format (SQLite compares timestamps as text).
 */
export function sqlTime(at: DateTime | number = Date.now()) {
  const ms = typeof at === 'number' ? at : at.toMillis()
  const format = db.connection().dialect.dateTimeFormat
  // The two formats Lucid's dialects use, cut from the ISO string: luxon's toFormat was a
  // visible share of each publish job's CPU (several timestamps per delivery).
  if (Number.isFinite(ms) && ms >= 0 && ms < 253402300800000) {
    const iso = new Date(ms).toISOString()
    if (format === SQLITE_FORMAT) return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`
    if (format === PG_FORMAT) return `${iso.slice(0, 23)}+00:00`
  }
  return DateTime.fromMillis(ms).toUTC().toFormat(format)
}

const SQLITE_FORMAT = 'yyyy-MM-dd HH:mm:ss'
const PG_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSZZ"

/** Rows touched by an UPDATE, whatever shape the driver returns. */
export function affectedRows(result: unknown): number {
  if (Array.isArray(result)) return Number(result[0] ?? 0)
  return Number(result ?? 0)
}

/**
 * Runs a compare-and-set UPDATE and returns the rows it changed as the models they are, in
 * the same round trip (`RETURNING *`): an empty list means the condition matched nothing.
 * Lucid drops RETURNING on SQLite, which has supported it since 3.35, so it is set on the
 * knex query underneath.
 */
export async function updateReturning<M extends LucidModel>(
  model: M,
  query: DatabaseQueryBuilderContract,
  patch: Record<string, unknown>
) {
  const rows = await updateReturningRows(query, patch)
  return rows.map((row) => modelFromRow(model, row))
}

/** The same UPDATE … RETURNING *, as the driver's rows (for a caller that already holds the model). */
export async function updateReturningRows(
  query: DatabaseQueryBuilderContract,
  patch: Record<string, unknown>
) {
  query.update(patch)
  query.knexQuery.returning('*')
  return (await query) as unknown as Record<string, unknown>[]
}

/**
 * Who holds a claim or a publish slot: this process (host, pid, boot, nonce — see
 * #queue/process_identity, which tells a live holder from a dead one) and the job that woke it.
 */
export const workerIdentity = (jobId: string | undefined) => leaseName(jobId ?? 'direct')

/**
 * A short, single-line reason safe to show to users and store in `last_error`. Plugin
 * results arrive masked already; this also covers reasons the app composes (a crash message).
 */
export const shortReason = (reason: string) =>
  redactReason(reason).replace(/\s+/g, ' ').trim().slice(0, 480)

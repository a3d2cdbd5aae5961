import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Delivery, { WAITING_DELIVERY_STATUSES, type DeliveryRowPatch } from '#models/delivery'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import {
  affectedRows,
  publishingConfig,
  sqlTime,
  updateReturning,
} from '#services/publishing/settings'
import {
  PIPELINE_POST_STATUSES,
  markPostPublishing,
  markPostPublishingQuery,
} from '#services/publishing/rollup'
import { Batcher } from '#services/batcher'
import { modelFromRow } from '#services/publishing/row_models'

/**
 * Takes a due delivery for this worker with one compare-and-set and returns the row as the
 * claim left it (`RETURNING *`, so no second read), or null. Null means another worker has
 * it, it was edited or rescheduled (revision), cancelled, or is not due: the caller does
 * nothing. This single statement is what makes a duplicate job harmless.
 * With `markPost`, a successful claim also marks its post `publishing` (markPostPublishing);
 * on PostgreSQL both happen in that one statement, so the publish path has one round trip
 * fewer (round trips, not SQL, are what a publish job spends its time on).
 */
export function claimDelivery(
  deliveryId: number,
  revision: number,
  worker: string,
  options: { markPost?: boolean } = {}
): Promise<Delivery | null> {
  if (db.connection().dialect.name === 'postgres')
    return claims.run({ deliveryId, revision, worker })
  return claimOne(deliveryId, revision, worker, options)
}

async function claimOne(
  deliveryId: number,
  revision: number,
  worker: string,
  options: { markPost?: boolean } = {}
): Promise<Delivery | null> {
  // Epoch milliseconds rather than luxon: this runs once per publish (sqlTime formats either).
  const now = Date.now()
  const query = db
    .from('deliveries')
    .where('id', deliveryId)
    .where('revision', revision)
    .whereIn('status', WAITING_DELIVERY_STATUSES)
    // One second of tolerance: SQLite keeps whole seconds.
    .where('due_at', '<=', sqlTime(now + 1000))
  const patch: DeliveryRowPatch = {
    status: 'publishing',
    lease_until: sqlTime(now + publishingConfig().leaseMs),
    claimed_by: worker,
    waiting_for: null,
    attempts: db.raw('attempts + 1'),
    updated_at: sqlTime(now),
  }
  if (options.markPost && db.connection().dialect.name === 'postgres')
    return claimAndMarkPost(query, patch)
  const [claimed] = await updateReturning(Delivery, query, patch)
  if (claimed && options.markPost) await markPostPublishing(claimed.postId)
  return claimed ?? null
}

/**
 * The claim and the post's `publishing` mark as one PostgreSQL statement: a data-modifying
 * CTE runs exactly once whether or not it is read, and the post is only touched when the
 * claim matched (its id comes from the claimed row).
 */
async function claimAndMarkPost(
  query: DatabaseQueryBuilderContract,
  patch: Record<string, unknown>
) {
  query.update(patch)
  query.knexQuery.returning('*')
  const claim = query.toSQL()
  const mark = markPostPublishingQuery(db.raw('select post_id from claimed')).toSQL()
  const result = await db.rawQuery(
    `with claimed as (${claim.sql}), marked as (${mark.sql}) select * from claimed`,
    [...claim.bindings, ...mark.bindings]
  )
  const [row] = result.rows as Record<string, unknown>[]
  return row ? modelFromRow(Delivery, row) : null
}

interface ClaimRequest {
  deliveryId: number
  revision: number
  worker: string
}

/**
 * The claims of concurrent jobs as one PostgreSQL statement: each row keeps its own
 * compare-and-set (its id, its revision, a claimable status, due), and each job gets back
 * the row only if the claim it asked for is the one that was written — two jobs of the same
 * delivery in one group match the row once, and only the job named in `claimed_by` wins.
 * Their posts are marked `publishing` in the same statement (a post already publishing is
 * not written). Rows are locked in id order, as two workers' groups could otherwise deadlock.
 */
async function claimMany(requests: ClaimRequest[]): Promise<(Delivery | null)[]> {
  const now = Date.now()
  const ordered = [...requests].sort((a, b) => a.deliveryId - b.deliveryId)
  const values = ordered.map(() => '(?::int, ?::int, ?::text)').join(', ')
  const statuses = PIPELINE_POST_STATUSES.map(() => '?').join(', ')
  const result = await db.rawQuery(
    `with v(id, revision, worker) as (values ${values}),
     claimed as (
       update deliveries set status = 'publishing', lease_until = ?, claimed_by = v.worker,
         waiting_for = null, attempts = deliveries.attempts + 1, updated_at = ?
       from v
       where deliveries.id = v.id and deliveries.revision = v.revision
         and deliveries.status in ('scheduled', 'queued') and deliveries.due_at <= ?
       returning deliveries.*),
     marked as (
       update posts set status = 'publishing', updated_at = ?
       where posts.id in (select post_id from claimed)
         and posts.status in (${statuses}) and posts.status <> 'publishing')
     select * from claimed`,
    [
      ...ordered.flatMap((request) => [request.deliveryId, request.revision, request.worker]),
      sqlTime(now + publishingConfig().leaseMs),
      sqlTime(now),
      // One second of tolerance, as claimOne.
      sqlTime(now + 1000),
      sqlTime(now),
      ...PIPELINE_POST_STATUSES,
    ]
  )
  const rows = new Map(
    (result.rows as Record<string, unknown>[]).map((row) => [Number(row.id), row])
  )
  return requests.map((request) => {
    const row = rows.get(request.deliveryId)
    return row && row.claimed_by === request.worker ? modelFromRow(Delivery, row) : null
  })
}

const claims = new Batcher<ClaimRequest, Delivery | null>({
  many: claimMany,
  single: (request) =>
    claimOne(request.deliveryId, request.revision, request.worker, { markPost: true }),
})

/** Takes a pending publish (handed back by the network as `pending`) for one status check. */
export async function claimStatusCheck(deliveryId: number, revision: number, worker: string) {
  const now = DateTime.utc()
  const result = await db
    .from('deliveries')
    .where('id', deliveryId)
    .where('revision', revision)
    .where('status', 'publishing')
    .whereNull('claimed_by')
    .whereNotNull('pending_handle')
    .update({
      claimed_by: worker,
      lease_until: sqlTime(now.plus({ milliseconds: publishingConfig().leaseMs })),
      status_checks: db.raw('status_checks + 1'),
      updated_at: sqlTime(now),
    })
  return affectedRows(result) === 1
}

/**
 * Takes an unanswered publish for its delayed re-check (markRecheck). `recheck_at` is cleared
 * as it is taken: a worker that dies during the re-check leaves an ordinary interrupted
 * publish, which the reconciler settles by the same rule (a lookup first, never a blind send).
 */
export async function claimRecheck(deliveryId: number, revision: number, worker: string) {
  const now = DateTime.utc()
  const result = await db
    .from('deliveries')
    .where('id', deliveryId)
    .where('revision', revision)
    .where('status', 'publishing')
    .whereNull('claimed_by')
    .whereNotNull('recheck_at')
    .update({
      claimed_by: worker,
      recheck_at: null,
      lease_until: sqlTime(now.plus({ milliseconds: publishingConfig().leaseMs })),
      updated_at: sqlTime(now),
    })
  return affectedRows(result) === 1
}

/**
 * Takes over a delivery whose worker vanished (lease expired) so exactly one reconciler
 * resolves it. `claimedBy` is the value the reconciler read: a changed row is left alone.
 */
export async function claimExpiredLease(
  deliveryId: number,
  claimedBy: string | null,
  worker: string
) {
  const now = DateTime.utc()
  const query = db
    .from('deliveries')
    .where('id', deliveryId)
    .where('status', 'publishing')
    .where('lease_until', '<', sqlTime(now))
  if (claimedBy === null) query.whereNull('claimed_by')
  else query.where('claimed_by', claimedBy)
  const result = await query.update({
    claimed_by: worker,
    lease_until: sqlTime(now.plus({ milliseconds: publishingConfig().leaseMs })),
    updated_at: sqlTime(now),
  })
  return affectedRows(result) === 1
}

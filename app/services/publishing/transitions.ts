import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { Published } from '#sdk'
import type Delivery from '#models/delivery'
import type { DeliveryStatus } from '#models/delivery'
import { emitDeliveryStatus } from '#services/publishing/events'
import { rollUpPost } from '#services/publishing/rollup'
import { notifyDeliveryProblem } from '#services/publishing/notify'
import { wakeAt, wakeForStatusCheck } from '#services/publishing/wake'
import type { Problem } from '#services/publishing/problems'
import { Batcher } from '#services/batcher'
import { consumeRow } from '#services/publishing/row_models'
import {
  publishingConfig,
  shortReason,
  sqlTime,
  updateReturningRows,
} from '#services/publishing/settings'

/** A delivery this worker has claimed, as the claim left it. */
export interface Run {
  delivery: Delivery
  worker: string
}

/**
 * Moves a claimed delivery on, only while this worker still holds it: if the lease was
 * taken over (the reconciler judged this worker dead), nothing is written. The row comes
 * back from the UPDATE itself (no second read) and refreshes `run.delivery` in place, as
 * `refresh()` would, for everyone holding it.
 */
async function settle(run: Run, patch: Record<string, unknown>) {
  const query = db
    .from('deliveries')
    .where('id', run.delivery.id)
    .where('status', 'publishing')
    .where('claimed_by', run.worker)
  const [settled] = await updateReturningRows(query, { ...patch, updated_at: sqlTime() })
  return settled ? settledAs(run, settled) : claimLost(run)
}

function claimLost(run: Run) {
  logger.warn(
    { deliveryId: run.delivery.id, worker: run.worker },
    'delivery claim lost before it was settled'
  )
  return false
}

async function settledAs(run: Run, row: Record<string, unknown>) {
  // Straight into the instance everyone holds (a second model plus fill() cost as much again).
  consumeRow(run.delivery, row)
  emitDeliveryStatus(run.delivery)
  await rollUpPost(run.delivery.postId)
  return true
}

interface PublishedRequest {
  run: Run
  published: Published
}

/**
 * The `published` settles of concurrent jobs as one PostgreSQL statement, each row under
 * its own condition (still `publishing`, still claimed by the job that asks).
 */
async function settlePublishedMany(requests: PublishedRequest[]) {
  const now = sqlTime()
  const ordered = [...requests].sort((a, b) => a.run.delivery.id - b.run.delivery.id)
  const result = await db.rawQuery(
    `with v(id, worker, external_id, external_url) as (values ${ordered.map(() => '(?::int, ?::text, ?::text, ?::text)').join(', ')})
     update deliveries set status = 'published', external_id = v.external_id,
       external_url = v.external_url, published_at = ?, last_error = null, last_error_kind = null,
       pending_handle = null, check_after = null, lease_until = null, claimed_by = null, updated_at = ?
     from v
     where deliveries.id = v.id and deliveries.status = 'publishing' and deliveries.claimed_by = v.worker
     returning deliveries.*`,
    [
      ...ordered.flatMap(({ run, published }) => [
        run.delivery.id,
        run.worker,
        published.externalId,
        published.url ?? null,
      ]),
      now,
      now,
    ]
  )
  const rows = new Map(
    (result.rows as Record<string, unknown>[]).map((row) => [Number(row.id), row])
  )
  return requests.map(({ run }) => rows.get(run.delivery.id) ?? null)
}

const publishedSettles = new Batcher<PublishedRequest, Record<string, unknown> | null>({
  many: settlePublishedMany,
  single: async ({ run, published }) => {
    const query = db
      .from('deliveries')
      .where('id', run.delivery.id)
      .where('status', 'publishing')
      .where('claimed_by', run.worker)
    const [row] = await updateReturningRows(query, {
      ...publishedPatch(published),
      updated_at: sqlTime(),
    })
    return row ?? null
  },
})

const released = { lease_until: null, claimed_by: null }

/**
 * The network's id is written in the same statement that marks the delivery published, so
 * no row is ever published without it. A worker that dies before this statement leaves the
 * delivery in `publishing`; the reconciler resolves it through the plugin's lookup (or an
 * id a previous pass saved).
 */
export async function markPublished(run: Run, published: Published) {
  if (db.connection().dialect.name !== 'postgres') return settle(run, publishedPatch(published))
  // The hot path of a burst: grouped with the other jobs' settles (batcher.ts).
  const row = await publishedSettles.run({ run, published })
  return row ? settledAs(run, row) : claimLost(run)
}

function publishedPatch(published: Published) {
  return {
    status: 'published' satisfies DeliveryStatus,
    external_id: published.externalId,
    external_url: published.url,
    published_at: sqlTime(),
    last_error: null,
    last_error_kind: null,
    pending_handle: null,
    check_after: null,
    ...released,
  }
}

/** The last error as stored: the kind the pages word, and the raw reason kept as a detail. */
const lastError = (problem: Problem) => ({
  last_error: shortReason(problem.reason),
  last_error_kind: problem.kind,
})

export async function markFailed(
  run: Run,
  problem: Problem,
  options: { notify: boolean } = { notify: true }
) {
  const done = await settle(run, {
    status: 'failed' satisfies DeliveryStatus,
    ...lastError(problem),
    ...released,
  })
  if (done && options.notify) await notifyDeliveryProblem(run.delivery, 'delivery_failed')
  return done
}

/** Never republished blindly: the user is asked to check the network. */
export async function markUnknown(run: Run, problem: Problem) {
  const done = await settle(run, {
    status: 'unknown' satisfies DeliveryStatus,
    ...lastError(problem),
    ...released,
  })
  if (done) await notifyDeliveryProblem(run.delivery, 'delivery_unknown')
  return done
}

/**
 * Back to `queued` with a new wake-up call at `atMs`; the revision and the idempotency key stay.
 * Without a problem (a thread resumed after its worker died) the last error is cleared.
 */
export async function requeue(
  run: Run,
  input: { problem?: Problem; atMs: number; refundAttempt: boolean; suffix: string }
) {
  const done = await settle(run, {
    status: 'queued' satisfies DeliveryStatus,
    // The pages show it as the next try's time (a 429's Retry-After, a backoff).
    due_at: sqlTime(input.atMs),
    ...(input.problem ? lastError(input.problem) : { last_error: null, last_error_kind: null }),
    ...(input.refundAttempt
      ? { attempts: db.raw('attempts - 1'), rate_limit_waits: db.raw('rate_limit_waits + 1') }
      : {}),
    ...released,
  })
  if (done) await wakeAt(run.delivery, input.atMs, input.suffix)
  return done
}

/**
 * The network is still processing: keep the delivery in `publishing`, unclaimed, with the
 * plugin's handle, and wake a status check after `checkAfterSeconds`.
 */
export async function markPending(run: Run, handle: string, checkAfterSeconds: number) {
  const config = publishingConfig()
  const checkAt = DateTime.utc().plus({
    milliseconds: Math.max(0, checkAfterSeconds) * config.msPerNetworkSecond,
  })
  const done = await settle(run, {
    pending_handle: handle,
    check_after: sqlTime(checkAt),
    lease_until: sqlTime(checkAt.plus({ milliseconds: config.leaseMs })),
    claimed_by: null,
  })
  if (done)
    await wakeForStatusCheck(
      run.delivery,
      checkAt.toMillis(),
      `check${run.delivery.statusChecks + 1}`
    )
  return done
}

/**
 * An unanswered publish the lookup has not found yet: keep the delivery `publishing`,
 * unclaimed (nobody may edit or re-send it meanwhile), and wake a re-check at `atMs` — a
 * delayed job with its own id, so exactly one runs; should Redis lose it, the lease that
 * ends after `atMs` hands the delivery to the reconciler, which wakes it again.
 */
export async function markRecheck(run: Run, atMs: number, problem: Problem) {
  const config = publishingConfig()
  const done = await settle(run, {
    recheck_at: sqlTime(atMs),
    rechecks: db.raw('rechecks + 1'),
    pending_handle: null,
    ...lastError(problem),
    lease_until: sqlTime(atMs + config.leaseMs),
    claimed_by: null,
  })
  if (done) await wakeForStatusCheck(run.delivery, atMs, `recheck${run.delivery.rechecks}`, true)
  return done
}

import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import Delivery, {
  FINAL_DELIVERY_STATUSES,
  UNCLAIMED_DELIVERY_STATUSES,
  UNSCHEDULED_DELIVERY_STATUSES,
  WAITING_DELIVERY_STATUSES,
  type DeliveryRowPatch,
} from '#models/delivery'
import { emitDeliveryStatus } from '#services/publishing/events'
import { removeWake, wakeAt } from '#services/publishing/wake'
import { affectedRows, sqlTime } from '#services/publishing/settings'

/**
 * A delivery no worker has touched yet: it may still be edited, moved or cancelled.
 * `queued` with attempts means a retry is waiting — publishing has started, so no edits.
 */
export function whereNotStarted(query: DatabaseQueryBuilderContract) {
  return query.where((q) =>
    q
      .whereIn('status', [...UNSCHEDULED_DELIVERY_STATUSES, 'scheduled'])
      .orWhere((qq) => qq.where('status', 'queued').where('attempts', 0))
  )
}

/** Not held by a worker right now (a retry may be waiting): may still be cancelled. */
export function whereNotClaimed(query: DatabaseQueryBuilderContract) {
  return query.whereIn('status', UNCLAIMED_DELIVERY_STATUSES)
}

class PublishingStarted extends Error {}

export type ChangeResult =
  { status: 'ok'; deliveries: Delivery[] } | { status: 'publishing_started' }

/**
 * Changes deliveries of a post that have not started publishing, all or none, each with a
 * compare-and-set that bumps its revision (so any job already in Redis for it becomes a
 * no-op); then removes their old jobs and enqueues new ones for those now scheduled.
 * `patch` returns the columns to set, or null to leave a delivery alone.
 */
export async function changeDeliveries(
  postId: number,
  patch: (delivery: Delivery) => DeliveryRowPatch | null,
  options: {
    allow?: 'not_started' | 'not_claimed'
    /** More writes (the post's own row) committed or rolled back with the deliveries. */
    alongside?: (trx: TransactionClientContract) => Promise<void>
    /** The exact instant to wake at (the column keeps whole seconds on SQLite). */
    wakeAtMs?: number
  } = {}
): Promise<ChangeResult> {
  const guard = options.allow === 'not_claimed' ? whereNotClaimed : whereNotStarted
  const changed: { delivery: Delivery; oldJobId: string | null }[] = []
  const work = async (client: TransactionClientContract) => {
    const deliveries = await Delivery.query({ client }).where('post_id', postId).orderBy('id')
    for (const delivery of deliveries) {
      const columns = patch(delivery)
      if (!columns) continue
      const query = client
        .from('deliveries')
        .where('id', delivery.id)
        .where('revision', delivery.revision)
      const result = await guard(query).update({
        ...columns,
        revision: delivery.revision + 1,
        job_id: null,
        updated_at: sqlTime(),
      })
      if (affectedRows(result) !== 1) throw new PublishingStarted()
      changed.push({ delivery, oldJobId: delivery.jobId })
    }
    await options.alongside?.(client)
  }
  try {
    await db.transaction(work)
  } catch (error) {
    if (error instanceof PublishingStarted) return { status: 'publishing_started' }
    throw error
  }
  await afterChange(changed, options.wakeAtMs)
  return { status: 'ok', deliveries: changed.map((entry) => entry.delivery) }
}

/** Outside the transaction: Redis is told only about committed rows (a deleted row just loses its job). */
async function afterChange(
  changed: { delivery: Delivery; oldJobId: string | null }[],
  wakeAtMs?: number
) {
  for (const { delivery, oldJobId } of changed) {
    await removeWake(oldJobId)
    const current = await Delivery.find(delivery.id)
    if (!current) continue
    emitDeliveryStatus(current)
    if (WAITING_DELIVERY_STATUSES.includes(current.status) && current.dueAt) {
      await wakeAt(current, wakeAtMs ?? current.dueAt.toMillis())
    }
  }
}

/** Puts every not-started delivery of a post on the schedule at `at` (UTC), or in the queue now. */
export function queueDeliveries(
  postId: number,
  at: DateTime,
  alongside?: (trx: TransactionClientContract) => Promise<void>
) {
  const now = DateTime.utc()
  const due = at < now ? now : at
  return changeDeliveries(
    postId,
    (delivery) =>
      delivery.status === 'cancelled'
        ? null
        : { status: due <= now ? 'queued' : 'scheduled', due_at: sqlTime(due) },
    { alongside, wakeAtMs: due.toMillis() }
  )
}

/** Takes every not-started delivery of a post off the schedule (back to `status`). */
export function unqueueDeliveries(
  postId: number,
  status: 'draft' | 'pending_approval',
  alongside?: (trx: TransactionClientContract) => Promise<void>
) {
  return changeDeliveries(
    postId,
    (delivery) => (delivery.status === 'cancelled' ? null : { status, due_at: null }),
    { alongside }
  )
}

/** Cancels every delivery no worker holds (finished ones are left as they are). */
export function cancelDeliveries(
  postId: number,
  alongside?: (trx: TransactionClientContract) => Promise<void>
) {
  return changeDeliveries(
    postId,
    (delivery) =>
      FINAL_DELIVERY_STATUSES.includes(delivery.status)
        ? null
        : { status: 'cancelled', due_at: null },
    {
      allow: 'not_claimed',
      alongside,
    }
  )
}

import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Delivery from '#models/delivery'
import { affectedRows, publishingConfig, sqlTime, updateReturning } from '#services/publishing/settings'

/**
 * Takes a due delivery for this worker with one compare-and-set and returns the row as the
 * claim left it (`RETURNING *`, so no second read), or null. Null means another worker has
 * it, it was edited or rescheduled (revision), cancelled, or is not due: the caller does
 * nothing. This single statement is what makes a duplicate job harmless.
 */
export async function claimDelivery(deliveryId: number, revision: number, worker: string): Promise<Delivery | null> {
  const now = DateTime.utc()
  const query = db
    .from('deliveries')
    .where('id', deliveryId)
    .where('revision', revision)
    .whereIn('status', ['scheduled', 'queued'])
    // One second of tolerance: SQLite keeps whole seconds.
    .where('due_at', '<=', sqlTime(now.plus({ seconds: 1 })))
  const [claimed] = await updateReturning(Delivery, query, {
    status: 'publishing',
    lease_until: sqlTime(now.plus({ milliseconds: publishingConfig().leaseMs })),
    claimed_by: worker,
    attempts: db.raw('attempts + 1'),
    updated_at: sqlTime(now),
  })
  return claimed ?? null
}

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
 * Takes over a delivery whose worker vanished (lease expired) so exactly one reconciler
 * resolves it. `claimedBy` is the value the reconciler read: a changed row is left alone.
 */
export async function claimExpiredLease(deliveryId: number, claimedBy: string | null, worker: string) {
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

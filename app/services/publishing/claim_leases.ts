import db from '@adonisjs/lucid/services/db'
import { holderOf, type ProcessHolder } from '#queue/process_identity'
import { affectedRows, publishingConfig, sqlTime } from '#services/publishing/settings'

/**
 * The leases of delivery claims (`claimed_by` + `lease_until`). A claim is short-lived
 * unless its holder renews it: while a job runs, its name is held here and each worker
 * heartbeat pushes the lease of every delivery it has claimed forward. A worker that
 * dies stops renewing; one on the same machine is noticed at once (`reclaimClaims`), and
 * its claims are handed to the reconciler, which resolves them as ambiguous publishes —
 * looked up at the network, never simply sent again (reconcile.ts).
 */
const held = new Map<string, number>()

/** Runs `work` with the claims taken under `worker` renewed until it ends. */
export async function withClaimsHeld<T>(worker: string, work: () => Promise<T>): Promise<T> {
  held.set(worker, (held.get(worker) ?? 0) + 1)
  try {
    return await work()
  } finally {
    const left = (held.get(worker) ?? 1) - 1
    if (left > 0) held.set(worker, left)
    else held.delete(worker)
  }
}

/** Pushes forward the lease of every delivery a running job of this process has claimed. */
export async function renewClaims() {
  if (!held.size) return 0
  const now = Date.now()
  return affectedRows(
    await db
      .from('deliveries')
      .where('status', 'publishing')
      .whereIn('claimed_by', [...held.keys()])
      .update({ lease_until: sqlTime(now + publishingConfig().leaseMs) })
  )
}

/**
 * Ends at once the leases of claims whose holder is dead, so the reconciler's next pass
 * resolves them. Returns how many claims it freed.
 */
export async function reclaimClaims(isDead: (holder: ProcessHolder) => boolean) {
  const now = sqlTime()
  const names = (await db
    .from('deliveries')
    .where('status', 'publishing')
    .whereNotNull('claimed_by')
    .where('lease_until', '>=', now)
    .distinct('claimed_by')) as { claimed_by: string }[]
  const dead = names
    .map((row) => row.claimed_by)
    .filter((name) => {
      const holder = holderOf(name)
      return holder !== null && isDead(holder)
    })
  if (!dead.length) return 0
  return affectedRows(
    await db
      .from('deliveries')
      .where('status', 'publishing')
      .whereIn('claimed_by', dead)
      .update({ lease_until: sqlTime(Date.now() - 1000) })
  )
}

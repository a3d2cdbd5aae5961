import logger from '@adonisjs/core/services/logger'
import queue from '#queue/main'
import type { LeaseKeeper } from '#queue/lease_keeper'
import { reclaimSlots, renewSlots } from '#services/publishing/network_slots'
import { reclaimClaims, renewClaims } from '#services/publishing/claim_leases'
import { wakeSlotWaiters } from '#services/publishing/wake'

/**
 * The publishing pipeline's leases as a worker keeps them (WorkerRunner's `leaseKeepers`):
 * publish slots and delivery claims renewed on every heartbeat; a dead holder's slots freed
 * and its claims handed to a reconciler pass that runs now rather than at its next period.
 */
export const publishingLeases: LeaseKeeper = {
  async renew() {
    await renewSlots()
    await renewClaims()
  },
  async reclaim(isDead) {
    const { freed: slots, woken } = await reclaimSlots(isDead)
    // The deliveries that waited for those slots go now, not at their fallback wake-up.
    await wakeSlotWaiters(woken)
    const claims = await reclaimClaims(isDead)
    if (!slots && !claims) return
    logger.warn({ slots, claims }, 'freed the publish slots and claims of a dead worker')
    const { default: ReconcileDeliveriesJob } = await import('#jobs/reconcile_deliveries_job')
    await queue.dispatch(ReconcileDeliveriesJob, {}, { jobId: `reconcile-reclaim-${Date.now()}` })
  },
}

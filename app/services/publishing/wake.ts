import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import queue from '#queue/main'
import type Delivery from '#models/delivery'
import type { DeliveryWaitingFor } from '#models/delivery'
import { CHECK_DELIVERY_STATUS, PUBLISH_DELIVERY, type DeliveryWake } from '#queue/job_specs'
import type { SlotWaiter } from '#services/publishing/network_slots'

type Wakeable = Pick<Delivery, 'id' | 'revision'>

/**
 * BullMQ job ids of a delivery's wake-up calls. The first is `delivery:<id>:<revision>`;
 * later ones (retry, rate-limit wait, status check, reconciler) add a suffix after a dot,
 * since BullMQ allows a colon in a custom id only as `a:b:c` and never reuses a kept id.
 */
export function wakeJobId(delivery: Wakeable, suffix?: string) {
  return `delivery:${delivery.id}:${delivery.revision}${suffix ? `.${suffix}` : ''}`
}

/**
 * Records which job is the delivery's current wake-up call (the reconciler checks it is
 * alive) and, when it waits for a free publish slot, that it does (shown on the post page).
 */
async function rememberJob(
  delivery: Wakeable,
  jobId: string,
  waitingFor: DeliveryWaitingFor | null = null
) {
  const query = db.from('deliveries').where('id', delivery.id).where('revision', delivery.revision)
  // A slot may free (and the delivery be claimed) before this write: never mark a delivery
  // that is already publishing as waiting.
  if (waitingFor) query.whereIn('status', ['scheduled', 'queued'])
  await query.update({ job_id: jobId, waiting_for: waitingFor })
}

/**
 * How long before its instant a publish wake-up fires. A wake-up set exactly on time
 * publishes late by BullMQ's delayed-job lateness plus the pipeline's own work before the
 * network call (loading the delivery, network slot, claim, post, account, media: ~10–60 ms
 * under load). Instead it fires this much early and carries the exact instant (`notBefore`):
 * runDelivery waits out most of the head start before taking a network slot, does its work,
 * and waits for the exact instant just before the network call, so a publish is never early
 * and only a few milliseconds late. Kept small: the waiting job holds a worker slot, and the
 * claim (made a little ahead of the instant) tolerates 1 s.
 * Measured by bench/publish_precision.ts; no publish before its instant is tested in
 * tests/functional/publishing/precision.spec.ts.
 */
export const WAKE_EARLY_MS = 100

/** A wake-up payload: the job's declared fields plus the exact instant it is for. */
export type TimedWake = DeliveryWake & { notBefore: number }

/**
 * Enqueues a delayed wake-up for a delivery. Written to the database first: if Redis is
 * down the row is still due, and the reconciler enqueues it when Redis is back.
 */
export async function wakeAt(
  delivery: Wakeable,
  atMs: number,
  suffix?: string,
  waitingFor: DeliveryWaitingFor | null = null
) {
  const jobId = wakeJobId(delivery, suffix)
  await rememberJob(delivery, jobId, waitingFor)
  const delay = Math.max(0, atMs - WAKE_EARLY_MS - Date.now())
  const payload: TimedWake = {
    deliveryId: delivery.id,
    revision: delivery.revision,
    notBefore: atMs,
  }
  await queue.dispatch(PUBLISH_DELIVERY, payload, { jobId, delay })
  return jobId
}

/**
 * Wakes the deliveries a freed publish slot was handed to (network_slots.ts), now — or at
 * their instant if that is still ahead. No database write: the delivery keeps its fallback
 * wake-up (the reconciler sees that one alive) and its `waiting_for` until it is claimed. A
 * woken delivery that finds its account full again simply waits for the next release.
 */
export async function wakeSlotWaiters(waiters: SlotWaiter[]) {
  for (const waiter of waiters) {
    const delivery = { id: waiter.deliveryId, revision: waiter.revision }
    const payload: TimedWake = {
      deliveryId: waiter.deliveryId,
      revision: waiter.revision,
      notBefore: waiter.notBefore,
    }
    await queue.dispatch(PUBLISH_DELIVERY, payload, {
      jobId: wakeJobId(delivery, `slot${Date.now()}`),
      delay: Math.max(0, waiter.notBefore - WAKE_EARLY_MS - Date.now()),
    })
  }
}

/**
 * Enqueues the next `checkStatus` poll of a pending publish, or (`recheck`) the delayed lookup
 * of an unanswered one. The job id is unique per check, so a second enqueue is a no-op.
 */
export async function wakeForStatusCheck(
  delivery: Wakeable,
  atMs: number,
  suffix: string,
  recheck = false
) {
  const jobId = wakeJobId(delivery, suffix)
  await rememberJob(delivery, jobId)
  const delay = Math.max(0, atMs - Date.now())
  await queue.dispatch(
    CHECK_DELIVERY_STATUS,
    { deliveryId: delivery.id, revision: delivery.revision, ...(recheck ? { recheck } : {}) },
    { jobId, delay }
  )
  return jobId
}

/**
 * Drops a wake-up that is no longer wanted (rescheduled, edited, cancelled). Best effort:
 * a job already running is refused by the claim's revision check anyway.
 */
export async function removeWake(jobId: string | null) {
  if (!jobId) return
  try {
    await queue.use('publish').remove(jobId)
  } catch {
    // Locked by a worker right now: its claim will not match the new revision.
  }
}

/**
 * BullMQ's state of a job, `missing` when Redis no longer has it, or `orphaned` when it is
 * `active` without a lock: the worker running it died, and BullMQ's stalled-job check has
 * not moved it back yet.
 */
export async function wakeState(jobId: string | null) {
  if (!jobId) return 'missing'
  const publish = queue.use('publish')
  const job = await publish.getJob(jobId)
  if (!job) return 'missing'
  const state = await job.getState()
  if (state !== 'active') return state
  // The queues use the app's Redis connection settings (config/queue.ts), hence this client.
  return (await redis.connection().exists(`${publish.toKey(jobId)}:lock`)) ? state : 'orphaned'
}

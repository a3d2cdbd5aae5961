import { DateTime } from 'luxon'
import logger from '@adonisjs/core/services/logger'
import Delivery, { WAITING_DELIVERY_STATUSES } from '#models/delivery'
import Post from '#models/post'
import SocialAccount from '#models/social_account'
import plugins from '#services/plugins'
import { claimExpiredLease } from '#services/publishing/claim'
import { withClaimsHeld } from '#services/publishing/claim_leases'
import { deliverySession, mediaIfAvailable } from '#services/publishing/delivery_session'
import { applyOutcome } from '#services/publishing/outcome'
import { markPublished, markUnknown, requeue, type Run } from '#services/publishing/transitions'
import { chainUnfinished } from '#services/publishing/chain_steps'
import { problem } from '#services/publishing/problems'
import { wakeAt, wakeForStatusCheck, wakeState } from '#services/publishing/wake'
import { publishingConfig, sqlTime } from '#services/publishing/settings'
import db from '@adonisjs/lucid/services/db'

// `orphaned` (active, but its worker died: wake.ts) is not among them: a second wake-up is
// harmless (the claim is a compare-and-set), waiting for BullMQ's stalled-job check is not.
const LIVE_JOB_STATES = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children'])
const BATCH = 200
/** Stuck deliveries resolved at once by one reconciler pass. */
const STUCK_IN_PARALLEL = 4
/** A bound on one pass (50,000 due deliveries); the next pass goes on. */
const MAX_PAGES = 250

/**
 * Due deliveries whose wake-up call Redis no longer has (wiped, evicted, failed, or its
 * worker died) get a new one. All of them in one pass, a page at a time: after Redis came
 * back empty every due delivery is in this state at once.
 */
async function requeueLost(now: DateTime) {
  const dueBefore = sqlTime(now.minus({ milliseconds: publishingConfig().reconcileGraceMs }))
  let requeued = 0
  for (let page = 0; page < MAX_PAGES; page++) {
    const due = await Delivery.query()
      .whereIn('status', WAITING_DELIVERY_STATUSES)
      .where('due_at', '<=', dueBefore)
      .orderBy('due_at', 'asc')
      .orderBy('id', 'asc')
      .offset(page * BATCH)
      .limit(BATCH)
    for (const delivery of due) {
      if (LIVE_JOB_STATES.has(await wakeState(delivery.jobId))) continue
      await wakeAt(delivery, Date.now(), `rec${Date.now()}`)
      requeued++
    }
    if (due.length < BATCH) break
  }
  return requeued
}

/**
 * A delivery left in `publishing` past its lease: its worker died mid-publish, or a status
 * check was lost. The request may have reached the network, so it is resolved like an
 * ambiguous answer — saved network id, then the plugin's lookup — and never simply re-sent.
 */
async function resolveStuck(delivery: Delivery, worker: string) {
  if (!(await claimExpiredLease(delivery.id, delivery.claimedBy, worker))) return false
  await delivery.refresh()
  const run: Run = { delivery, worker }
  if (delivery.externalId) {
    // The main post is out. With follow-ups left, a publish job resumes the chain at the first
    // part not yet published (one left `publishing` is looked up before anything is sent).
    if (await chainUnfinished(delivery.id))
      return requeue(run, { atMs: Date.now(), refundAttempt: false, suffix: `resume${Date.now()}` })
    return markPublished(run, { externalId: delivery.externalId, url: delivery.externalUrl })
  }
  if (delivery.pendingHandle || delivery.recheckAt) {
    // A lost status check or re-check (its job gone with Redis): hand it back to the checker.
    await db
      .from('deliveries')
      .where('id', delivery.id)
      .where('claimed_by', worker)
      .update({ claimed_by: null })
    await wakeForStatusCheck(delivery, Date.now(), `rec${Date.now()}`, !delivery.pendingHandle)
    return true
  }
  const account = delivery.socialAccountId
    ? await SocialAccount.find(delivery.socialAccountId)
    : null
  if (!account || !(await plugins.has(delivery.network))) {
    return markUnknown(
      run,
      problem(
        'ambiguous',
        'The publish was interrupted and the account is gone; check whether the post appeared'
      )
    )
  }
  const post = await Post.findOrFail(delivery.postId)
  const media = await mediaIfAvailable(delivery)
  const { session, publishContext } = await deliverySession(delivery, account, post, media)
  return applyOutcome(
    { ...run, session, publishContext, mode: 'publish' },
    { status: 'ambiguous', reason: 'the publish was interrupted' }
  )
}

/**
 * One pass of the reconciler (a repeatable job every `reconcileEveryMs`, and at once when a
 * worker frees a dead one's claims: leases.ts).
 */
export function reconcileDeliveries(worker: string) {
  return withClaimsHeld(worker, () => reconcile(worker))
}

async function reconcile(worker: string) {
  const now = DateTime.utc()
  const requeued = await requeueLost(now)
  const stuck = await Delivery.query()
    .where('status', 'publishing')
    .where('lease_until', '<', sqlTime(now))
    .orderBy('lease_until', 'asc')
    .limit(BATCH)
  // A few at a time: each may wait on its network (a lookup, a same-key retry), and after a
  // crash a whole worker's claims arrive at once — one slow account must not hold up the rest.
  let resolved = 0
  let next = 0
  const resolveNext = async () => {
    while (next < stuck.length) {
      const delivery = stuck[next++]
      try {
        if (await resolveStuck(delivery, worker)) resolved++
      } catch (error) {
        logger.error({ err: error, deliveryId: delivery.id }, 'could not resolve a stuck delivery')
      }
    }
  }
  await Promise.all(Array.from({ length: STUCK_IN_PARALLEL }, resolveNext))
  return { requeued, resolved }
}

import logger from '@adonisjs/core/services/logger'
import { setTimeout as sleep } from 'node:timers/promises'
import { ambiguous, failed, type MediaItem } from '#sdk'
import plugins from '#services/plugins'
import { WAITING_DELIVERY_STATUSES } from '#models/delivery'
import { claimDelivery } from '#services/publishing/claim'
import { acquirePublishSlot, releasePublishSlot } from '#services/publishing/network_slots'
import { withClaimsHeld } from '#services/publishing/claim_leases'
import { deliverySession } from '#services/publishing/delivery_session'
import { applyOutcome, type Attempt, type Outcome } from '#services/publishing/outcome'
import { loadDueDelivery, type DueDelivery } from '#services/publishing/due_delivery'
import { mediaItemsFor } from '#services/publishing/delivery_media'
import { emitDeliveryStatus } from '#services/publishing/events'
import { markFailed, type Run } from '#services/publishing/transitions'
import { runChain } from '#services/publishing/chain'
import { problem } from '#services/publishing/problems'
import { WAKE_EARLY_MS, wakeAt, wakeSlotWaiters } from '#services/publishing/wake'
import { publishingConfig } from '#services/publishing/settings'
import { missedOccurrenceVerdict } from '#services/series/missed_occurrence'
import { tagDelivery } from '#services/telemetry/delivery_context'

export type RunResult = 'stale' | 'early' | 'network_busy' | 'not_claimed' | 'missed' | 'done'

/** What an early wake-up keeps of its head start for the work before the network call (see wake.ts). */
const PREPARE_MS = 30

/** Returns once the clock has reached `at` (epoch ms); at once when it already has. */
async function waitUntil(at: number) {
  for (let early = at - Date.now(); early > 0; early = at - Date.now()) await sleep(early)
}

/**
 * Everything between a claim and the network's answer. Expected failures end as values on
 * the delivery; an exception thrown by a plugin after its request may have left is treated
 * as an ambiguous answer, never as "try again". `due` was read just before the claim (one
 * joined statement); `run.delivery` is the row the claim returned.
 */
async function publishClaimed(run: Run, due: DueDelivery, notBefore = 0) {
  const { delivery } = run
  const { post, account } = due
  if (due.authorRestricted)
    return markFailed(run, problem('blocked', 'The author restricted the processing of their data'))
  if (!account || account.status !== 'connected') {
    // An account already flagged for reconnection was announced once to its managers: no second message.
    const announced = account?.status === 'needs_reconnection'
    return markFailed(
      run,
      problem(
        'unauthorized',
        'The account needs to be reconnected; reconnect it, then publish again'
      ),
      { notify: !announced }
    )
  }
  if (!(await plugins.has(delivery.network)))
    return markFailed(run, problem('blocked', `The ${delivery.network} network is not available`))

  // The main post already out (its network id saved): this run continues its thread.
  const resuming = delivery.externalId !== null
  let media: MediaItem[] = []
  let mediaError: string | null = null
  try {
    if (due.hasMedia && !resuming) media = await mediaItemsFor(delivery)
  } catch (error) {
    mediaError = (error as Error).message
  }
  const { plugin, session, publishContext } = await deliverySession(delivery, account, post, media)
  const attempt: Attempt = {
    ...run,
    session,
    publishContext,
    mode: 'publish',
    hasParts: due.hasParts,
  }

  if (mediaError)
    return applyOutcome(
      attempt,
      failed(`Media could not be prepared: ${mediaError}`, true, 'media')
    )
  const opened = await session.open()
  if (opened !== 'ready') return applyOutcome(attempt, opened)
  if (resuming) return runChain(attempt)
  // The wake-up fired before the instant (wake.ts) so that everything above is done by now;
  // the request itself leaves on the instant, never before it (a timer may fire a millisecond
  // early, hence the loop).
  await waitUntil(notBefore)
  let outcome: Outcome
  try {
    outcome = await session.call((ctx) => plugin.publish({ ...publishContext(), ...ctx }))
  } catch (error) {
    outcome = ambiguous(`the ${delivery.network} plugin crashed: ${(error as Error).message}`)
  }
  return applyOutcome(attempt, outcome)
}

/**
 * What a publish job does when it wakes: takes a publish slot of the delivery's account,
 * claims the delivery (compare-and-set), publishes, settles. Any mismatch — edited,
 * rescheduled, cancelled, already claimed — ends here without touching the network. The
 * claim's lease is renewed while this runs (claim_leases.ts).
 */
export function runDelivery(
  payload: { deliveryId: number; revision: number; notBefore?: number },
  worker: string
): Promise<RunResult> {
  return withClaimsHeld(worker, () => wakeUp(payload, worker))
}

async function wakeUp(
  payload: { deliveryId: number; revision: number; notBefore?: number },
  worker: string
): Promise<RunResult> {
  tagDelivery({ deliveryId: payload.deliveryId })
  const due = await loadDueDelivery(payload.deliveryId)
  const delivery = due?.delivery
  if (due)
    tagDelivery({
      deliveryId: payload.deliveryId,
      postId: due.post.id,
      workspaceId: due.post.workspaceId,
    })
  if (
    !due ||
    !delivery ||
    delivery.revision !== payload.revision ||
    !WAITING_DELIVERY_STATUSES.includes(delivery.status)
  )
    return 'stale'

  // Wake-ups fire WAKE_EARLY_MS before their instant on purpose (wake.ts); publishClaimed waits
  // for the exact millisecond just before the network call. Far earlier than that (clocks of
  // two machines apart) the job neither claims nor parks a worker slot: it asks to be woken
  // again at the instant and ends.
  const early = (payload.notBefore ?? 0) - Date.now()
  if (early > 4 * WAKE_EARLY_MS) {
    await wakeAt(delivery, payload.notBefore!, `early${Date.now()}`)
    return 'early'
  }
  // Most of the early window is waited out here, before the slot is taken, so a waiting job
  // does not hold one of its account's few slots; PREPARE_MS is left for the slot, the claim
  // and loading the post and account ahead of the instant.
  await waitUntil((payload.notBefore ?? 0) - PREPARE_MS)
  // Woken long after its time (no worker ran then): a repeating post's rule may skip it.
  if ((await missedOccurrenceVerdict(delivery, due.post)) === 'skipped') return 'missed'

  const { networkBusyRetryMs, slotWakeFallbackMs } = publishingConfig()
  const slot = { network: delivery.network, accountId: delivery.socialAccountId }
  const instant = Math.max(payload.notBefore ?? 0, delivery.dueAt?.toMillis() ?? 0)
  // A full account is waited on briefly (its slots free every few milliseconds in a burst);
  // past that, or when enough jobs already wait for it, the job ends and the delivery stays
  // on the limit's waiting list, registered by the refused acquire itself.
  const answer = await acquirePublishSlot(slot, worker, networkBusyRetryMs, {
    deliveryId: delivery.id,
    revision: delivery.revision,
    notBefore: instant,
  })
  if (answer !== 'granted') {
    // The release of a slot wakes it (wakeSlotWaiters). This later wake-up is only the net
    // under that — a releasing worker that died between its release and the wake — and
    // says on the post page what the delivery waits for. Bucketed job ids: a delivery
    // refused again within one bucket keeps the net already set.
    const at = Math.max(Date.now(), instant) + slotWakeFallbackMs
    await wakeAt(
      delivery,
      at,
      `busy${Math.floor(at / slotWakeFallbackMs)}`,
      answer === 'account' ? 'account_slot' : 'network_slot'
    )
    return 'network_busy'
  }
  try {
    // Read a moment ago: a post already `publishing` (a sibling was claimed first) needs no write.
    const claimed = await claimDelivery(delivery.id, payload.revision, worker, {
      markPost: due.post.status !== 'publishing',
    })
    if (!claimed) return 'not_claimed'
    emitDeliveryStatus(claimed)
    await publishClaimed({ delivery: claimed, worker }, due, payload.notBefore)
    // One line per network attempt; the delivery, post and workspace ids come with it (log_context).
    logger.info({ network: claimed.network, status: claimed.status }, 'delivery attempt settled')
    return 'done'
  } finally {
    await wakeSlotWaiters(await releasePublishSlot(slot, worker))
  }
}

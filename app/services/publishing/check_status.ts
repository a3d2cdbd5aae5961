import { ambiguous, failed } from '#sdk'
import Delivery from '#models/delivery'
import Post from '#models/post'
import SocialAccount from '#models/social_account'
import { claimRecheck, claimStatusCheck } from '#services/publishing/claim'
import { withClaimsHeld } from '#services/publishing/claim_leases'
import { deliverySession, mediaIfAvailable } from '#services/publishing/delivery_session'
import { applyOutcome, resolveAmbiguous, type Outcome } from '#services/publishing/outcome'
import { markFailed, markUnknown } from '#services/publishing/transitions'
import { problem } from '#services/publishing/problems'
import { publishingConfig } from '#services/publishing/settings'
import { tagDelivery } from '#services/telemetry/delivery_context'
import type { DeliveryCheck } from '#queue/job_specs'

/**
 * Polls a publish the network left `pending` (video processing, containers) through the
 * plugin's read-only `checkStatus`, until it is published or failed — bounded by
 * `maxStatusChecks`, after which the delivery is unknown and the user is asked to check.
 * A `recheck` looks again for an unanswered publish once the network's read-after-write
 * delay has passed (ambiguity.ts).
 */
export function checkDelivery(payload: DeliveryCheck, worker: string) {
  return withClaimsHeld(worker, () => check(payload, worker))
}

async function check(payload: DeliveryCheck, worker: string) {
  tagDelivery({ deliveryId: payload.deliveryId })
  const claim = payload.recheck ? claimRecheck : claimStatusCheck
  if (!(await claim(payload.deliveryId, payload.revision, worker))) return 'not_claimed'
  const delivery = await Delivery.findOrFail(payload.deliveryId)
  const run = { delivery, worker }
  if (!payload.recheck && delivery.statusChecks > publishingConfig().maxStatusChecks) {
    await markUnknown(
      run,
      problem(
        'pending',
        `The network was still processing the post after ${delivery.statusChecks - 1} checks`
      )
    )
    return 'done'
  }
  const account = delivery.socialAccountId
    ? await SocialAccount.find(delivery.socialAccountId)
    : null
  if (!account || account.status !== 'connected') {
    await markFailed(
      run,
      problem(
        'unauthorized',
        'The account was disconnected while the network processed the post; check it on the network'
      )
    )
    return 'done'
  }
  const post = await Post.findOrFail(delivery.postId)
  const media = await mediaIfAvailable(delivery)
  const { plugin, session, publishContext } = await deliverySession(delivery, account, post, media)
  if (payload.recheck) {
    // What the lookup finds decides; a republish from here is a publish (its errors requeue).
    const attempt = { ...run, session, publishContext, mode: 'publish' as const }
    await resolveAmbiguous(attempt, 'the earlier publish was not answered', { rechecking: true })
    return 'done'
  }
  let outcome: Outcome
  if (!plugin.checkStatus)
    outcome = failed('The network left the post pending but offers no status check', false)
  else {
    try {
      outcome = await session.call((ctx) => plugin.checkStatus!(ctx, delivery.pendingHandle!))
    } catch (error) {
      outcome = ambiguous(`the ${delivery.network} plugin crashed: ${(error as Error).message}`)
    }
  }
  await applyOutcome({ ...run, session, publishContext, mode: 'check' }, outcome)
  return 'done'
}

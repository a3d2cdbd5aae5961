import db from '@adonisjs/lucid/services/db'
import type Post from '#models/post'
import Delivery from '#models/delivery'
import { resolveActor, type ActorInput } from '#policies/actor'
import PostPolicy from '#policies/post_policy'
import { loadChain } from '#services/publishing/chain_steps'
import { emitDeliveryStatus } from '#services/publishing/events'
import { wakeAt } from '#services/publishing/wake'
import { affectedRows, sqlTime } from '#services/publishing/settings'

export type RetryPartsResult =
  | { status: 'queued'; delivery: Delivery }
  | { status: 'forbidden' | 'not_found' | 'not_stopped' }
  | { status: 'wrong_part'; stoppedAt: number }

/**
 * "Retry from part N": a thread whose part N failed (or whose outcome nobody could tell) is
 * sent on from that part. The main post and the parts before N are published and stay as
 * they are — never sent again; part N and the ones after it go back to `pending` with their
 * idempotency keys, and the delivery is queued now under a new revision. N must be the part
 * that stopped the chain: a thread cannot skip a part.
 */
export async function retryPartsFrom(input: {
  post: Post
  deliveryId: number
  from: number
  actor: ActorInput
}): Promise<RetryPartsResult> {
  const { user, member } = await resolveActor(input.actor, input.post.workspaceId)
  if (!new PostPolicy().edit(user, member, input.post)) return { status: 'forbidden' }
  const delivery = await Delivery.query()
    .where('post_id', input.post.id)
    .where('id', input.deliveryId)
    .first()
  if (!delivery) return { status: 'not_found' }
  if (!['failed', 'unknown'].includes(delivery.status) || !delivery.externalId)
    return { status: 'not_stopped' }
  const stopped = (await loadChain(delivery.id)).find((part) => part.status !== 'published')
  if (!stopped) return { status: 'not_stopped' }
  if (stopped.position !== input.from) return { status: 'wrong_part', stoppedAt: stopped.position }

  const now = Date.now()
  const requeued = await db.transaction(async (trx) => {
    const moved = await trx
      .from('deliveries')
      .where('id', delivery.id)
      .where('revision', delivery.revision)
      .whereIn('status', ['failed', 'unknown'])
      .update({
        status: 'queued',
        due_at: sqlTime(now),
        revision: delivery.revision + 1,
        // A fresh budget of attempts for the parts left; the main post is not sent again.
        attempts: 0,
        rate_limit_waits: 0,
        status_checks: 0,
        last_error: null,
        last_error_kind: null,
        job_id: null,
        updated_at: sqlTime(now),
      })
    if (affectedRows(moved) !== 1) return false
    await trx
      .from('delivery_parts')
      .where('delivery_id', delivery.id)
      .where('position', '>=', input.from)
      .whereNot('status', 'published')
      .update({
        status: 'pending',
        pending_handle: null,
        last_error: null,
        last_error_kind: null,
        updated_at: sqlTime(now),
      })
    return true
  })
  if (!requeued) return { status: 'not_stopped' }
  await delivery.refresh()
  emitDeliveryStatus(delivery)
  await wakeAt(delivery, now, `parts${delivery.revision}`)
  return { status: 'queued', delivery }
}

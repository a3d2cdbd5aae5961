import db from '@adonisjs/lucid/services/db'
import type { Published } from '#sdk'
import DeliveryPart, { type DeliveryPartStatus } from '#models/delivery_part'
import type { PartContent } from '#services/posts/post_parts'
import type { Problem } from '#services/publishing/problems'
import type { Run } from '#services/publishing/transitions'
import { emitPartStatus } from '#services/publishing/events'
import { affectedRows, shortReason, sqlTime } from '#services/publishing/settings'

/**
 * The writes of a thread's publish, each a compare-and-set made only while this worker still
 * holds the delivery's claim (`publishing`, `claimed_by` = worker): a worker the reconciler
 * judged dead writes nothing, as for the main post (transitions.ts).
 */

/** The deliveries this worker still holds, as a subquery a part's UPDATE is conditioned on. */
const heldBy = (run: Run) =>
  db
    .from('deliveries')
    .select('id')
    .where('id', run.delivery.id)
    .where('status', 'publishing')
    .where('claimed_by', run.worker)

/** A part's idempotency key: the delivery's, with its position (stable for every attempt). */
export const partKey = (deliveryKey: string, position: number) => `${deliveryKey}.p${position}`

/**
 * The main post is out and follow-ups remain: its network id (and reply reference) is saved
 * on the delivery, which stays `publishing` and claimed, and the parts are written as pending
 * steps — one transaction, so the steps exist exactly when the main post is known. Written
 * again on a resume, the rows already there are kept as they are.
 */
export async function mainPostOut(run: Run, published: Published, parts: PartContent[]) {
  return db.transaction(async (trx) => {
    const saved = await trx
      .from('deliveries')
      .where('id', run.delivery.id)
      .where('status', 'publishing')
      .where('claimed_by', run.worker)
      .update({
        external_id: published.externalId,
        external_url: published.url,
        reply_ref: published.replyRef ?? null,
        pending_handle: null,
        check_after: null,
        updated_at: sqlTime(),
      })
    if (affectedRows(saved) !== 1) return false
    const now = sqlTime()
    await trx
      .knexQuery()
      .from('delivery_parts')
      .insert(
        parts.map((part, index) => ({
          delivery_id: run.delivery.id,
          post_id: run.delivery.postId,
          kind: part.kind,
          position: index + 1,
          text: part.text,
          media: JSON.stringify(part.media),
          status: 'pending' satisfies DeliveryPartStatus,
          idempotency_key: partKey(run.delivery.idempotencyKey, index + 1),
          attempts: 0,
          created_at: now,
          updated_at: now,
        }))
      )
      .onConflict(['delivery_id', 'position'])
      .ignore()
    run.delivery.merge({
      externalId: published.externalId,
      externalUrl: published.url,
      replyRef: published.replyRef ?? null,
      pendingHandle: null,
    })
    return true
  })
}

/** A delivery's parts in publish order (empty for a post without follow-ups). */
export function loadChain(deliveryId: number) {
  return DeliveryPart.query().where('delivery_id', deliveryId).orderBy('position', 'asc')
}

/** Whether any part of this delivery is not yet published. */
export async function chainUnfinished(deliveryId: number) {
  const open = await db
    .from('delivery_parts')
    .where('delivery_id', deliveryId)
    .whereNot('status', 'published')
    .count('* as total')
  return Number(open[0]?.total ?? 0) > 0
}

/**
 * Moves a part from one status to the next under the delivery's claim; the part instance is
 * updated in place and the change announced. False: the part or the claim moved meanwhile.
 */
async function move(
  run: Run,
  part: DeliveryPart,
  from: DeliveryPartStatus | DeliveryPartStatus[],
  patch: Record<string, unknown> & { status?: DeliveryPartStatus }
) {
  const changed = await db
    .from('delivery_parts')
    .where('id', part.id)
    .whereIn('status', [from].flat())
    .whereIn('delivery_id', heldBy(run))
    .update({ ...patch, updated_at: sqlTime() })
  if (affectedRows(changed) !== 1) return false
  await part.refresh()
  emitPartStatus(run.delivery, part)
  return true
}

/**
 * The part's request is about to leave: `publishing` (an interruption from now on is
 * ambiguous). A `failed` part is sent again only by a run of its delivery, which exists only
 * when the delivery was requeued (a retryable answer) or sent on from this part by the user.
 */
export const claimPart = (run: Run, part: DeliveryPart) =>
  move(run, part, ['pending', 'failed'], {
    status: 'publishing',
    attempts: db.raw('attempts + 1'),
  })

/** The network id is written in the statement that marks the part published. */
export const partPublished = (run: Run, part: DeliveryPart, published: Published) =>
  move(run, part, 'publishing', {
    status: 'published',
    external_id: published.externalId,
    external_url: published.url,
    reply_ref: published.replyRef ?? null,
    pending_handle: null,
    published_at: sqlTime(),
    last_error: null,
    last_error_kind: null,
  })

/** Accepted, still processing at the network: the handle its status checks continue from. */
export const partPending = (run: Run, part: DeliveryPart, handle: string) =>
  move(run, part, 'publishing', { pending_handle: handle })

/**
 * The network answered without publishing (an error, a rate limit, a refused token): the part
 * is `failed` with the reason, before its delivery is settled, so a failed delivery never
 * shows a part that is not. If the delivery is requeued, the part goes back to `pending`.
 */
export const partRefused = (run: Run, part: DeliveryPart, problem: Problem) =>
  move(run, part, 'publishing', {
    status: 'failed',
    pending_handle: null,
    last_error: shortReason(problem.reason),
    last_error_kind: problem.kind,
  })

/** The delivery was requeued after the part's refusal: the part waits for that run again. */
export async function partWaitsAgain(run: Run, part: DeliveryPart) {
  await db
    .from('delivery_parts')
    .where('id', part.id)
    .where('status', 'failed')
    .update({ status: 'pending', updated_at: sqlTime() })
  await part.refresh()
  emitPartStatus(run.delivery, part)
}

/** Nobody can tell whether this part appeared: `unknown`, written before its delivery is settled. */
export const partUnknown = (run: Run, part: DeliveryPart, problem: Problem) =>
  move(run, part, 'publishing', {
    status: 'unknown',
    pending_handle: null,
    last_error: shortReason(problem.reason),
    last_error_kind: problem.kind,
  })

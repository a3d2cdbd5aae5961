import { DateTime } from 'luxon'
import type Post from '#models/post'
import { queueDeliveries, unqueueDeliveries } from '#services/publishing/schedule'

/**
 * A post that is ready (approved internally, time kept) but waits for the client is
 * `approved` with a `scheduledAt`: its deliveries are off the schedule. These two moves
 * put a scheduled post on hold and take it off hold.
 */
export async function holdForClient(post: Post) {
  if (post.status !== 'scheduled') return { status: 'ok' as const }
  return unqueueDeliveries(post.id, 'draft', async (trx) => {
    post.useTransaction(trx)
    await post.merge({ status: 'approved' }).save()
  })
}

/**
 * The client approved: a held post goes back on the schedule at its time. A time already
 * past is not turned into "now" — a member picks a new one rather than the post going out
 * unannounced.
 */
export async function releaseFromHold(post: Post) {
  const at = post.scheduledAt
  if (post.status !== 'approved' || !at || at <= DateTime.utc()) return { status: 'ok' as const }
  return queueDeliveries(post.id, at, async (trx) => {
    post.useTransaction(trx)
    await post.merge({ status: 'scheduled' }).save()
  })
}

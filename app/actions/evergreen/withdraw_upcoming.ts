import { DateTime } from 'luxon'
import type EvergreenItem from '#models/evergreen_item'
import EvergreenSend from '#models/evergreen_send'
import Post, { EDITABLE_POST_STATUSES } from '#models/post'
import type User from '#models/user'
import { deletePost } from '#actions/posts/delete_post'
import { sqlTime } from '#services/publishing/settings'

/**
 * A paused or removed evergreen item stops sending: the posts it already placed in coming
 * slots (not yet publishing) are deleted with their send rows, so the gaps and the
 * "never the same text twice" history count only what went or will go out. The item's
 * last send goes back to the latest one kept. Returns how many posts were withdrawn.
 */
export async function withdrawUpcoming(
  item: EvergreenItem,
  actor: User,
  now: DateTime<boolean> = DateTime.utc()
) {
  const upcoming = await EvergreenSend.query()
    .where('item_id', item.id)
    .where('slot_at', '>', sqlTime(now))
  let withdrawn = 0
  for (const slot of new Set(upcoming.map((send) => send.slotAt.toMillis()))) {
    const sends = upcoming.filter((send) => send.slotAt.toMillis() === slot)
    const postId = sends.find((send) => send.postId)?.postId
    const post = postId ? await Post.find(postId) : null
    if (post && !EDITABLE_POST_STATUSES.includes(post.status)) continue
    if (post && (await deletePost({ post, actor })).status !== 'deleted') continue
    if (post) withdrawn++
    await EvergreenSend.query()
      .whereIn(
        'id',
        sends.map((send) => send.id)
      )
      .delete()
  }
  const latest = await EvergreenSend.query()
    .where('item_id', item.id)
    .whereNull('skipped_reason')
    .orderBy('slot_at', 'desc')
    .first()
  await item.merge({ lastSentAt: latest?.slotAt ?? null }).save()
  return withdrawn
}

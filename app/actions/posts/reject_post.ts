import { DateTime } from 'luxon'
import type Post from '#models/post'
import type User from '#models/user'
import { canReview } from '#services/posts/post_rules'
import { unqueueDeliveries } from '#services/publishing/schedule'
import { recordPostActivity } from '#services/reviews/post_activity'

export type RejectPostResult =
  | { status: 'rejected'; post: Post }
  | { status: 'forbidden' | 'not_pending' | 'comment_required' | 'publishing_started' }

/** An admin or owner — never the author — sends a post back, saying why. */
export async function rejectPost({
  post,
  reviewer,
  comment,
}: {
  post: Post
  reviewer: User
  comment: string
}): Promise<RejectPostResult> {
  if (!(await canReview(post, reviewer))) return { status: 'forbidden' }
  if (post.status !== 'pending_approval') return { status: 'not_pending' }
  const reason = comment.trim()
  if (!reason) return { status: 'comment_required' }
  const moved = await unqueueDeliveries(post.id, 'draft', async (trx) => {
    post.useTransaction(trx)
    await post
      .merge({
        status: 'rejected',
        reviewedById: reviewer.id,
        reviewedAt: DateTime.utc(),
        reviewComment: reason.slice(0, 2000),
      })
      .save()
  })
  if (moved.status !== 'ok') return moved
  await recordPostActivity({
    workspaceId: post.workspaceId,
    postId: post.id,
    kind: 'rejected',
    actorId: reviewer.id,
    meta: { comment: post.reviewComment },
  })
  return { status: 'rejected', post }
}

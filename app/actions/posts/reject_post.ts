import { DateTime } from 'luxon'
import type Post from '#models/post'
import { resolveActor, type ActorInput } from '#policies/actor'
import PostPolicy from '#policies/post_policy'
import { unqueueDeliveries } from '#services/publishing/schedule'

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
  reviewer: ActorInput
  comment: string
}): Promise<RejectPostResult> {
  const { user, member } = await resolveActor(reviewer, post.workspaceId)
  if (!new PostPolicy().review(user, member, post)) return { status: 'forbidden' }
  if (post.status !== 'pending_approval') return { status: 'not_pending' }
  const reason = comment.trim()
  if (!reason) return { status: 'comment_required' }
  const moved = await unqueueDeliveries(post.id, 'draft', async (trx) => {
    post.useTransaction(trx)
    await post
      .merge({
        status: 'rejected',
        reviewedById: user.id,
        reviewedAt: DateTime.utc(),
        reviewComment: reason.slice(0, 2000),
      })
      .save()
  })
  return moved.status === 'ok' ? { status: 'rejected', post } : moved
}

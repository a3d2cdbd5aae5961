import { DateTime } from 'luxon'
import type Post from '#models/post'
import { resolveActor, type ActorInput } from '#policies/actor'
import PostPolicy from '#policies/post_policy'
import { queueDeliveries, unqueueDeliveries } from '#services/publishing/schedule'

export type ApprovePostResult =
  | { status: 'approved' | 'scheduled'; post: Post }
  | { status: 'forbidden' | 'not_pending' | 'publishing_started' }

/**
 * An admin or owner — never the author — approves a post waiting for review. A post that
 * was given a time is scheduled at once (an instant already past means now).
 */
export async function approvePost({
  post,
  reviewer,
  comment,
}: {
  post: Post
  reviewer: ActorInput
  comment?: string | null
}): Promise<ApprovePostResult> {
  const { user, member } = await resolveActor(reviewer, post.workspaceId)
  if (!new PostPolicy().review(user, member, post)) return { status: 'forbidden' }
  if (post.status !== 'pending_approval') return { status: 'not_pending' }
  const review = {
    reviewedById: user.id,
    reviewedAt: DateTime.utc(),
    reviewComment: comment?.trim() || null,
  }
  const scheduledAt = post.scheduledAt
  const moved = scheduledAt
    ? await queueDeliveries(post.id, scheduledAt, async (trx) => {
        post.useTransaction(trx)
        await post.merge({ ...review, status: 'scheduled' }).save()
      })
    : await unqueueDeliveries(post.id, 'draft', async (trx) => {
        post.useTransaction(trx)
        await post.merge({ ...review, status: 'approved' }).save()
      })
  if (moved.status !== 'ok') return moved
  return { status: scheduledAt ? 'scheduled' : 'approved', post }
}

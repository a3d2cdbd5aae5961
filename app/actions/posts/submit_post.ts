import type Post from '#models/post'
import type User from '#models/user'
import { canEdit } from '#services/posts/post_rules'
import { unqueueDeliveries } from '#services/publishing/schedule'
import { recordPostActivity } from '#services/reviews/post_activity'

export type SubmitPostResult =
  | { status: 'submitted'; post: Post }
  | { status: 'forbidden' | 'not_submittable' | 'publishing_started' }

/** Sends a draft (or a rejected post, once reworked) for an admin's review. */
export async function submitPost({
  post,
  actor,
}: {
  post: Post
  actor: User
}): Promise<SubmitPostResult> {
  if (!(await canEdit(post.workspaceId, actor))) return { status: 'forbidden' }
  if (!['draft', 'rejected'].includes(post.status)) return { status: 'not_submittable' }
  const moved = await unqueueDeliveries(post.id, 'pending_approval', async (trx) => {
    post.useTransaction(trx)
    await post.merge({ status: 'pending_approval' }).save()
  })
  if (moved.status !== 'ok') return moved
  await recordPostActivity({
    workspaceId: post.workspaceId,
    postId: post.id,
    kind: 'submitted',
    actorId: actor.id,
  })
  return { status: 'submitted', post }
}

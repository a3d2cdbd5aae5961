import type Post from '#models/post'
import { resolveActor, type ActorInput } from '#policies/actor'
import PostPolicy from '#policies/post_policy'
import { unqueueDeliveries } from '#services/publishing/schedule'

export type CancelPostResult =
  | { status: 'cancelled'; post: Post }
  | { status: 'forbidden' | 'not_scheduled' | 'publishing_started' }

/**
 * Takes a post off the schedule (or out of review) back to draft, removing its jobs.
 * Refused once any delivery has started publishing: what is on its way cannot be recalled.
 */
export async function cancelPost({
  post,
  actor,
}: {
  post: Post
  actor: ActorInput
}): Promise<CancelPostResult> {
  const { user, member } = await resolveActor(actor, post.workspaceId)
  if (!new PostPolicy().edit(user, member, post)) return { status: 'forbidden' }
  if (!['scheduled', 'pending_approval', 'approved'].includes(post.status))
    return { status: 'not_scheduled' }
  const moved = await unqueueDeliveries(post.id, 'draft', async (trx) => {
    post.useTransaction(trx)
    await post
      .merge({ status: 'draft', scheduledAt: null, reviewedById: null, reviewedAt: null })
      .save()
  })
  return moved.status === 'ok' ? { status: 'cancelled', post } : moved
}

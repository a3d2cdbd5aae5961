import type Post from '#models/post'
import { resolveActor, type ActorInput } from '#policies/actor'
import PostPolicy from '#policies/post_policy'
import { unqueueDeliveries } from '#services/publishing/schedule'

export type SubmitPostResult =
  | { status: 'submitted'; post: Post }
  | { status: 'forbidden' | 'not_submittable' | 'publishing_started' }

/** Sends a draft (or a rejected post, once reworked) for an admin's review. */
export async function submitPost({
  post,
  actor,
}: {
  post: Post
  actor: ActorInput
}): Promise<SubmitPostResult> {
  const { user, member } = await resolveActor(actor, post.workspaceId)
  if (!new PostPolicy().edit(user, member, post)) return { status: 'forbidden' }
  if (!['draft', 'rejected'].includes(post.status)) return { status: 'not_submittable' }
  const moved = await unqueueDeliveries(post.id, 'pending_approval', async (trx) => {
    post.useTransaction(trx)
    await post.merge({ status: 'pending_approval' }).save()
  })
  return moved.status === 'ok' ? { status: 'submitted', post } : moved
}

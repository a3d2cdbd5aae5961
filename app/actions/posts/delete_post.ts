import type Post from '#models/post'
import { resolveActor, type ActorInput } from '#policies/actor'
import PostPolicy from '#policies/post_policy'
import { cancelDeliveries } from '#services/publishing/schedule'

export type DeletePostResult =
  { status: 'deleted' } | { status: 'forbidden' | 'publishing_in_progress' }

/**
 * Deletes a post and its deliveries, removing their jobs. Refused while a worker holds a
 * delivery (the request may be at the network right now); what was already published
 * stays on the network — this only removes our record.
 */
export async function deletePost({
  post,
  actor,
}: {
  post: Post
  actor: ActorInput
}): Promise<DeletePostResult> {
  const { user, member } = await resolveActor(actor, post.workspaceId)
  if (!new PostPolicy().edit(user, member, post)) return { status: 'forbidden' }
  const cancelled = await cancelDeliveries(post.id, async (trx) => {
    post.useTransaction(trx)
    await post.delete()
  })
  return cancelled.status === 'ok' ? { status: 'deleted' } : { status: 'publishing_in_progress' }
}

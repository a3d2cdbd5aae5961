import type Post from '#models/post'
import type User from '#models/user'
import { canEdit } from '#services/posts/post_rules'
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
  actor: User
}): Promise<CancelPostResult> {
  if (!(await canEdit(post.workspaceId, actor))) return { status: 'forbidden' }
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

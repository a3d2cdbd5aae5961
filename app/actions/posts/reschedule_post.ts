import { DateTime } from 'luxon'
import Post, { type PostStatus } from '#models/post'
import { resolveActor, type ActorInput } from '#policies/actor'
import PostPolicy from '#policies/post_policy'
import { schedulePost } from '#actions/posts/schedule_post'
import { detachOccurrence } from '#services/series/detach'

/**
 * Posts a drag on the calendar may move: they have a time and nothing has been sent yet.
 * Drafts and rejected posts are not moved by a drag — dragging would schedule them, which
 * the composer does explicitly; the calendar opens them instead.
 */
export const MOVABLE_STATUSES: PostStatus[] = ['scheduled', 'pending_approval', 'approved']

/** Publishing has started or is over: the time is history, not a plan. */
const STARTED_STATUSES: PostStatus[] = ['publishing', 'published', 'partially_published', 'failed']

export type RescheduleResult =
  | { status: 'moved'; post: Post }
  | {
      status:
        | 'not_found'
        | 'forbidden'
        | 'not_movable'
        | 'already_published'
        | 'in_past'
        | 'invalid'
        | 'awaits_client'
    }

/** Moves a post of the workspace to a new UTC instant through schedulePost (which moves its delivery jobs). */
export async function reschedulePost({
  workspaceId,
  postId,
  actor,
  at,
}: {
  workspaceId: number
  postId: number
  actor: ActorInput
  at: DateTime
}): Promise<RescheduleResult> {
  const post = await Post.query().where('workspace_id', workspaceId).where('id', postId).first()
  if (!post) return { status: 'not_found' }
  const who = await resolveActor(actor, workspaceId)
  if (!new PostPolicy().move(who.user, who.member, post)) return { status: 'forbidden' }
  if (STARTED_STATUSES.includes(post.status)) return { status: 'already_published' }
  if (!MOVABLE_STATUSES.includes(post.status)) return { status: 'not_movable' }
  // schedulePost reads a past instant as "now": a drag onto yesterday must not publish.
  if (at <= DateTime.utc()) return { status: 'in_past' }

  const result = await schedulePost({ post, actor: who, at })
  switch (result.status) {
    case 'scheduled':
    case 'pending_approval':
    case 'awaiting_client':
      // A repeating post's occurrence moved on its own keeps its new time when the series changes.
      await detachOccurrence(result.post.id)
      return { status: 'moved', post: result.post }
    case 'client_changes_requested':
    case 'client_approval_required':
      return { status: 'awaits_client' }
    case 'publishing_started':
      return { status: 'already_published' }
    case 'forbidden':
      return { status: 'forbidden' }
    case 'not_schedulable':
      return { status: 'not_movable' }
    case 'invalid':
      return { status: 'invalid' }
  }
}

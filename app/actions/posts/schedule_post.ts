import { type DateTime } from 'luxon'
import type Post from '#models/post'
import { resolveActor, type ActorInput } from '#policies/actor'
import PostPolicy from '#policies/post_policy'
import { needsApproval } from '#services/posts/post_rules'
import { checkSavedPost, type TargetCheck } from '#services/posts/check_targets'
import { queueDeliveries, unqueueDeliveries } from '#services/publishing/schedule'

export type SchedulePostResult =
  | { status: 'scheduled' | 'pending_approval'; post: Post }
  | { status: 'invalid'; checks: TargetCheck[] }
  | { status: 'forbidden' | 'not_schedulable' | 'publishing_started' }

/**
 * Schedules a post at a UTC instant (an instant already past means "now"). A post that
 * needs approval and has none goes to pending_approval with its time kept, and is
 * scheduled when an admin approves it. Every target must pass its network's checks.
 */
export async function schedulePost({
  post,
  actor,
  at,
}: {
  post: Post
  actor: ActorInput
  at: DateTime
}): Promise<SchedulePostResult> {
  const { user, member } = await resolveActor(actor, post.workspaceId)
  if (!new PostPolicy().edit(user, member, post)) return { status: 'forbidden' }
  if (!['draft', 'rejected', 'pending_approval', 'approved', 'scheduled'].includes(post.status))
    return { status: 'not_schedulable' }
  const checks = await checkSavedPost(post)
  if (!checks.length || checks.some((check) => check.issues.length))
    return { status: 'invalid', checks }

  const scheduledAt = at.toUTC()
  const approved = post.status === 'approved' || post.status === 'scheduled'
  if (!approved && (await needsApproval(post))) {
    const moved = await unqueueDeliveries(post.id, 'pending_approval', async (trx) => {
      post.useTransaction(trx)
      await post.merge({ status: 'pending_approval', scheduledAt }).save()
    })
    return moved.status === 'ok' ? { status: 'pending_approval', post } : moved
  }
  const moved = await queueDeliveries(post.id, scheduledAt, async (trx) => {
    post.useTransaction(trx)
    await post.merge({ status: 'scheduled', scheduledAt }).save()
  })
  return moved.status === 'ok' ? { status: 'scheduled', post } : moved
}

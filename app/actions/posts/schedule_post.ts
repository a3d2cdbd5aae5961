import { DateTime } from 'luxon'
import type Post from '#models/post'
import { resolveActor, type ActorInput } from '#policies/actor'
import PostPolicy from '#policies/post_policy'
import { needsApproval } from '#services/posts/post_rules'
import { checkSavedPost, type TargetCheck } from '#services/posts/check_targets'
import { queueDeliveries, unqueueDeliveries } from '#services/publishing/schedule'
import { awaitsClient } from '#services/reviews/client_gate'
import { actorIdOf, recordPostActivity } from '#services/reviews/post_activity'
import { addToClientLinks } from '#services/reviews/client_digest'

export type SchedulePostResult =
  | { status: 'scheduled' | 'pending_approval' | 'awaiting_client'; post: Post }
  | { status: 'invalid'; checks: TargetCheck[] }
  | {
      status:
        | 'forbidden'
        | 'not_schedulable'
        | 'publishing_started'
        | 'client_changes_requested'
        | 'client_approval_required'
    }

/**
 * Schedules a post at a UTC instant (an instant already past means "now"). A post that
 * needs approval and has none goes to pending_approval with its time kept, and is
 * scheduled when an admin approves it. Every target must pass its network's checks.
 * When the workspace requires the client's approval and it is missing, the post is held
 * (`approved`, time kept, off the schedule) until the client approves; a post the client
 * asked changes on, or one asked to go out now, is refused. A post given a time inside the
 * range of a client's review link joins it, and the client is told (client_digest.ts).
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
  if (await awaitsClient(post)) {
    if (post.clientStatus === 'changes_requested') return { status: 'client_changes_requested' }
    if (scheduledAt <= DateTime.utc()) return { status: 'client_approval_required' }
    const held = await unqueueDeliveries(post.id, 'draft', async (trx) => {
      post.useTransaction(trx)
      await post.merge({ status: 'approved', scheduledAt }).save()
    })
    if (held.status !== 'ok') return held
    await addToClientLinks(post)
    return { status: 'awaiting_client', post }
  }
  const moved = await queueDeliveries(post.id, scheduledAt, async (trx) => {
    post.useTransaction(trx)
    await post.merge({ status: 'scheduled', scheduledAt }).save()
  })
  if (moved.status !== 'ok') return moved
  await recordPostActivity({
    workspaceId: post.workspaceId,
    postId: post.id,
    kind: 'scheduled',
    actorId: actorIdOf(actor),
    meta: { at: scheduledAt.toISO() },
  })
  await addToClientLinks(post)
  return { status: 'scheduled', post }
}

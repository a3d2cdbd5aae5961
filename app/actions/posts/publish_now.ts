import { DateTime } from 'luxon'
import type Post from '#models/post'
import type { ActorInput } from '#policies/actor'
import { schedulePost, type SchedulePostResult } from '#actions/posts/schedule_post'

/**
 * Publishes at once: scheduling at "now" puts every delivery in the queue without delay.
 * The approval rules are the same as for scheduling.
 */
export function publishNow({
  post,
  actor,
}: {
  post: Post
  actor: ActorInput
}): Promise<SchedulePostResult> {
  return schedulePost({ post, actor, at: DateTime.utc() })
}

import type { DateTime } from 'luxon'
import type Post from '#models/post'
import type { ActorInput } from '#policies/actor'
import { schedulePost } from '#actions/posts/schedule_post'
import { publishNow } from '#actions/posts/publish_now'
import { submitPost } from '#actions/posts/submit_post'
import { checkSavedPost, type TargetCheck } from '#services/posts/check_targets'

export type Dispatch =
  { intent: 'schedule'; at: DateTime } | { intent: 'publish' } | { intent: 'submit' }

export type DispatchResult =
  | { status: 'scheduled' | 'pending_approval' | 'submitted'; post: Post }
  | { status: 'invalid'; checks: TargetCheck[] }
  | { status: 'forbidden' | 'not_schedulable' | 'not_submittable' | 'publishing_started' }

/**
 * What a saved post's buttons do after the save: schedule (the time or queue slot already
 * resolved), publish now, or send for review. Every one of them requires each target to pass
 * its network's checks — a post that does not stays a draft, with the issues per target.
 */
export async function dispatchPost(
  post: Post,
  actor: ActorInput,
  action: Dispatch
): Promise<DispatchResult> {
  if (action.intent === 'schedule') return schedulePost({ post, actor, at: action.at })
  if (action.intent === 'publish') return publishNow({ post, actor })
  const checks = await checkSavedPost(post)
  if (!checks.length || checks.some((check) => check.issues.length))
    return { status: 'invalid', checks }
  return submitPost({ post, actor })
}

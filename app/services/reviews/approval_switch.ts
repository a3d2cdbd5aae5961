import { DateTime } from 'luxon'
import Post from '#models/post'
import type Workspace from '#models/workspace'
import { holdForClient, releaseFromHold } from '#services/reviews/hold'
import { sqlTime } from '#services/publishing/settings'
import { recordPostActivity } from '#services/reviews/post_activity'

/**
 * "Client approval required" was just switched. On: every scheduled post the client has
 * not approved leaves the schedule and waits (status `approved`, time kept), exactly as a
 * post scheduled after the switch would. Off: the posts held that way go back on the
 * schedule at their time (a time already past stays for a member to choose again).
 * Returns how many posts moved; a post a worker already took is left as it is. Each post
 * moved says so on its activity timeline, with who flipped the switch: otherwise a post
 * leaves (or rejoins) the schedule with no trace on its own page.
 */
export async function applyClientApprovalSwitch(workspace: Workspace, actorId: number | null) {
  const now = sqlTime(DateTime.utc())
  const query = Post.query()
    .where('workspace_id', workspace.id)
    .where((scope) => scope.whereNull('client_status').orWhereNot('client_status', 'approved'))
    .where('scheduled_at', '>', now)
    .orderBy('scheduled_at')
  const posts = workspace.clientApprovalRequired
    ? await query.where('status', 'scheduled')
    : await query.where('status', 'approved')
  let moved = 0
  for (const post of posts) {
    const result = workspace.clientApprovalRequired
      ? await holdForClient(post)
      : await releaseFromHold(post)
    if (result.status !== 'ok') continue
    moved++
    await recordPostActivity({
      workspaceId: workspace.id,
      postId: post.id,
      kind: workspace.clientApprovalRequired ? 'client_hold' : 'client_released',
      actorId,
    })
  }
  return moved
}

import Workspace from '#models/workspace'
import type { PostStatus } from '#models/post'
import type Post from '#models/post'

/**
 * True when the post may not be scheduled or published yet: its workspace requires the
 * client's approval and the client has not approved this content (or an edit reset it).
 */
export async function awaitsClient(post: Post) {
  if (post.clientStatus === 'approved') return false
  const workspace = await Workspace.find(post.workspaceId)
  return Boolean(workspace?.clientApprovalRequired)
}

/**
 * A post held for the client: the workspace requires their approval, the post has its time
 * and internal approval (`approved`, off the schedule) but not the client's yet. The post
 * page and the calendar say "waiting for client" rather than "approved".
 */
export function awaitingClient(
  workspace: { clientApprovalRequired: boolean },
  post: { status: PostStatus; clientStatus: string | null }
) {
  return (
    workspace.clientApprovalRequired &&
    post.status === 'approved' &&
    post.clientStatus !== 'approved'
  )
}

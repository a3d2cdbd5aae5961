import Workspace from '#models/workspace'
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

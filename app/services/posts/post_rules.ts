import WorkspaceMember from '#models/workspace_member'
import type Post from '#models/post'
import type User from '#models/user'
import { can, type Role } from '#services/roles'

/** The user's role in a workspace, or null when they are not a member. */
export async function roleIn(workspaceId: number, userId: number): Promise<Role | null> {
  const member = await WorkspaceMember.query()
    .where('workspace_id', workspaceId)
    .where('user_id', userId)
    .first()
  return member?.role ?? null
}

/** May write and schedule posts in the workspace (editors and up; viewers only read). */
export async function canEdit(workspaceId: number, user: User) {
  const role = await roleIn(workspaceId, user.id)
  return role !== null && can(role, 'editContent')
}

/**
 * A post needs an admin's approval before it is scheduled when its author is an editor —
 * or no longer a member at all (nobody vouches for it any more).
 */
export async function needsApproval(post: Post) {
  if (!post.authorId) return true
  const role = await roleIn(post.workspaceId, post.authorId)
  return role === null || !can(role, 'approveContent')
}

/** May approve or reject this post: an admin or owner of its workspace who did not write it. */
export async function canReview(post: Post, reviewer: User) {
  if (post.authorId === reviewer.id) return false
  const role = await roleIn(post.workspaceId, reviewer.id)
  return role !== null && can(role, 'approveContent')
}

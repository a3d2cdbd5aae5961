import WorkspaceMember from '#models/workspace_member'
import type Post from '#models/post'
import { can, type Role } from '#services/roles'

/**
 * Rules about a post's author (who may do what is in app/policies).
 */

/** The user's role in a workspace, or null when they are not a member. */
export async function roleIn(workspaceId: number, userId: number): Promise<Role | null> {
  const member = await WorkspaceMember.query()
    .where('workspace_id', workspaceId)
    .where('user_id', userId)
    .first()
  return member?.role ?? null
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

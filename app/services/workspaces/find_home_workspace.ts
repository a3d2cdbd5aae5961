import type User from '#models/user'
import WorkspaceMember from '#models/workspace_member'

/**
 * Where `/` leads: the workspace the user last opened if they still belong to it,
 * else their oldest membership, else nothing (they are invited to create one).
 */
export async function findHomeWorkspace(user: User) {
  const memberships = await WorkspaceMember.query()
    .where('user_id', user.id)
    .preload('workspace')
    .orderBy('id')
  const current = memberships.find((member) => member.workspaceId === user.currentWorkspaceId)
  return (current ?? memberships[0])?.workspace ?? null
}

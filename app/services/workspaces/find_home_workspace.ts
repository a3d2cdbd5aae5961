import type User from '#models/user'
import WorkspaceMember from '#models/workspace_member'

/**
 * The membership that stands for "my workspace" when a page belongs to none (`/`, the profile,
 * the privacy page): the workspace the user last opened if they still belong to it, else
 * their oldest membership, else none. `memberships` come oldest first.
 */
export function pickHomeMembership<M extends { workspaceId: number }>(
  memberships: M[],
  user: Pick<User, 'currentWorkspaceId'>
): M | null {
  return (
    memberships.find((member) => member.workspaceId === user.currentWorkspaceId) ??
    memberships[0] ??
    null
  )
}

/** Where `/` leads: the home workspace (see `pickHomeMembership`), or nothing (they are invited to create one). */
export async function findHomeWorkspace(user: User) {
  const memberships = await WorkspaceMember.query()
    .where('user_id', user.id)
    .preload('workspace')
    .orderBy('id')
  return pickHomeMembership(memberships, user)?.workspace ?? null
}

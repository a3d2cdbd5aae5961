import type Workspace from '#models/workspace'
import type WorkspaceMember from '#models/workspace_member'
import { permissionsOf, assignableRoles } from '#services/roles'

/** The current workspace as the layout needs it, with what the user may do in it. */
export function toCurrentWorkspace(workspace: Workspace, member: WorkspaceMember) {
  return {
    id: workspace.id,
    slug: workspace.slug,
    name: workspace.name,
    timezone: workspace.timezone,
    role: member.role,
    can: permissionsOf(member.role),
    assignableRoles: assignableRoles(member.role),
  }
}

/** One entry of the workspace switcher. */
export function toWorkspaceChoice(member: WorkspaceMember & { workspace: Workspace }) {
  return { slug: member.workspace.slug, name: member.workspace.name, role: member.role }
}

export type CurrentWorkspace = ReturnType<typeof toCurrentWorkspace>
export type WorkspaceChoice = ReturnType<typeof toWorkspaceChoice>

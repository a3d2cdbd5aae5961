import type Workspace from '#models/workspace'
import type WorkspaceMember from '#models/workspace_member'
import { permissionsOf, assignableRoles } from '#services/roles'
import { clockConventions } from '#services/workspaces/clock_conventions'

/**
 * The current workspace as the layout needs it, with what the user may do in it and how its
 * dates read (week start, 12/24 h) for a reader of `language`.
 */
export function toCurrentWorkspace(
  workspace: Workspace,
  member: WorkspaceMember,
  language: string
) {
  return {
    id: workspace.id,
    slug: workspace.slug,
    name: workspace.name,
    timezone: workspace.timezone,
    weekStartSetting: workspace.weekStart,
    hourCycleSetting: workspace.hourCycle,
    clock: clockConventions(workspace, language),
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

import { BaseTransformer } from '@adonisjs/core/transformers'
import type Workspace from '#models/workspace'
import type WorkspaceMember from '#models/workspace_member'
import { permissionsOf, assignableRoles } from '#services/roles'
import { clockConventions } from '#services/workspaces/clock_conventions'

/** A workspace as one of its members sees it: what the role allows is part of the view. */
export default class WorkspaceTransformer extends BaseTransformer<Workspace> {
  constructor(
    workspace: Workspace,
    private member: WorkspaceMember
  ) {
    super(workspace)
  }

  /** The switcher's entry. */
  toObject() {
    return { slug: this.resource.slug, name: this.resource.name, role: this.member.role }
  }

  /**
   * The current workspace as the layout needs it, with what the user may do in it and how its
   * dates read (week start, 12/24 h) for a reader of `language`.
   */
  forLayout(language: string) {
    const workspace = this.resource
    return {
      id: workspace.id,
      slug: workspace.slug,
      name: workspace.name,
      timezone: workspace.timezone,
      weekStartSetting: workspace.weekStart,
      hourCycleSetting: workspace.hourCycle,
      clock: clockConventions(workspace, language),
      role: this.member.role,
      can: permissionsOf(this.member.role),
      assignableRoles: assignableRoles(this.member.role),
    }
  }
}

import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import type WorkspaceMember from '#models/workspace_member'
import { can } from '#services/roles'
import { inWorkspace } from '#policies/post_policy'

type InWorkspace = { workspaceId: number }

/**
 * The content library: every member reads it (viewers included, to know what exists),
 * editors and above add, change and delete its items. An item of another workspace is
 * refused even when a caller forgot to scope its query.
 */
export default class LibraryPolicy extends BasePolicy {
  view(_user: User, member: WorkspaceMember | null, item?: InWorkspace) {
    return inWorkspace(member, item) && can(member.role, 'view')
  }

  edit(_user: User, member: WorkspaceMember | null, item?: InWorkspace) {
    return inWorkspace(member, item) && can(member.role, 'editContent')
  }
}

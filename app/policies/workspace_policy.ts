import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import type WorkspaceMember from '#models/workspace_member'
import { can, outranksOrEquals, type Permission, type Role } from '#services/roles'

/**
 * Decides every workspace action from the member row that the workspace middleware
 * loaded for the signed-in user. A non-member never gets this far: the middleware
 * answers 404 before any policy runs.
 */
export default class WorkspacePolicy extends BasePolicy {
  #allows(member: WorkspaceMember, permission: Permission) {
    return can(member.role, permission)
  }

  view(_user: User, member: WorkspaceMember) {
    return this.#allows(member, 'view')
  }

  editContent(_user: User, member: WorkspaceMember) {
    return this.#allows(member, 'editContent')
  }

  approveContent(_user: User, member: WorkspaceMember) {
    return this.#allows(member, 'approveContent')
  }

  manageChannels(_user: User, member: WorkspaceMember) {
    return this.#allows(member, 'manageChannels')
  }

  updateSettings(_user: User, member: WorkspaceMember) {
    return this.#allows(member, 'manageSettings')
  }

  delete(_user: User, member: WorkspaceMember) {
    return this.#allows(member, 'deleteWorkspace')
  }

  /** See the member list's invitations (invitees' addresses) and manage members at all. */
  manageMembers(_user: User, member: WorkspaceMember) {
    return this.#allows(member, 'manageMembers')
  }

  /** Inviting with a role: admins and owners only, and never above one's own role. */
  invite(_user: User, member: WorkspaceMember, role: Role) {
    return this.#allows(member, 'manageMembers') && outranksOrEquals(member.role, role)
  }

  /**
   * Changing or removing another member: the actor must manage members and
   * outrank-or-equal both the target's current role and the role being given.
   * Owners are changed only by owners.
   */
  changeMember(_user: User, member: WorkspaceMember, target: WorkspaceMember, newRole?: Role) {
    if (!this.#allows(member, 'manageMembers')) return false
    if (!outranksOrEquals(member.role, target.role)) return false
    return newRole ? outranksOrEquals(member.role, newRole) : true
  }
}

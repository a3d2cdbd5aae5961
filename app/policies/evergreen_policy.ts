import { BasePolicy } from '@adonisjs/bouncer'
import type EvergreenItem from '#models/evergreen_item'
import type User from '#models/user'
import type WorkspaceMember from '#models/workspace_member'
import { can } from '#services/roles'
import { inWorkspace } from '#policies/post_policy'

/**
 * The evergreen queue: every member sees it and its send history; editors and up add,
 * change, pause and remove items (each send is a post written as the item's author, so
 * it takes the right to write posts).
 */
export default class EvergreenPolicy extends BasePolicy {
  view(_user: User, member: WorkspaceMember | null, item?: EvergreenItem) {
    return inWorkspace(member, item) && can(member.role, 'view')
  }

  manage(_user: User, member: WorkspaceMember | null, item?: EvergreenItem) {
    return inWorkspace(member, item) && can(member.role, 'editContent')
  }
}

import { BasePolicy } from '@adonisjs/bouncer'
import type SocialAccount from '#models/social_account'
import type User from '#models/user'
import type WorkspaceMember from '#models/workspace_member'
import { can } from '#services/roles'
import { inWorkspace } from '#policies/post_policy'

/** Connected social accounts: every member sees them; admins and owners connect and disconnect. */
export default class AccountPolicy extends BasePolicy {
  view(_user: User, member: WorkspaceMember | null, account?: SocialAccount) {
    return inWorkspace(member, account) && can(member.role, 'view')
  }

  manage(_user: User, member: WorkspaceMember | null, account?: SocialAccount) {
    return inWorkspace(member, account) && can(member.role, 'manageChannels')
  }
}

import { BasePolicy } from '@adonisjs/bouncer'
import type MediaAsset from '#models/media_asset'
import type User from '#models/user'
import type WorkspaceMember from '#models/workspace_member'
import { can } from '#services/roles'
import { inWorkspace } from '#policies/post_policy'

/** The media library: every member sees it; editors and up upload, describe and delete. */
export default class MediaPolicy extends BasePolicy {
  view(_user: User, member: WorkspaceMember | null, asset?: MediaAsset) {
    return inWorkspace(member, asset) && can(member.role, 'view')
  }

  upload(_user: User, member: WorkspaceMember | null) {
    return inWorkspace(member) && can(member.role, 'editContent')
  }

  edit(_user: User, member: WorkspaceMember | null, asset?: MediaAsset) {
    return inWorkspace(member, asset) && can(member.role, 'editContent')
  }
}

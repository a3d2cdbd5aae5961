import { BaseTransformer } from '@adonisjs/core/transformers'
import type User from '#models/user'
import type WorkspaceMember from '#models/workspace_member'

/** What the viewer may do with a member row: worked out by the controller from its policy. */
export type MemberRowFlags = { isYou: boolean; canManage: boolean; isLastOwner: boolean }

/** One row of the members page: who, which role, and what the viewer may do with it. */
export default class MemberTransformer extends BaseTransformer<WorkspaceMember & { user: User }> {
  constructor(
    member: WorkspaceMember & { user: User },
    private flags: MemberRowFlags
  ) {
    super(member)
  }

  toObject() {
    const member = this.resource
    return {
      id: member.id,
      name: member.user.fullName,
      email: member.user.email,
      initials: member.user.initials,
      role: member.role,
      joinedAt: member.createdAt.toISO()!,
      ...this.flags,
    }
  }
}

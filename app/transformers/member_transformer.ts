import { DateTime } from 'luxon'
import type User from '#models/user'
import type WorkspaceInvitation from '#models/workspace_invitation'
import type WorkspaceMember from '#models/workspace_member'

/** One row of the members page: who, which role, and what the viewer may do with it. */
export function toMemberRow(
  member: WorkspaceMember & { user: User },
  flags: { isYou: boolean; canManage: boolean; isLastOwner: boolean }
) {
  return {
    id: member.id,
    name: member.user.fullName,
    email: member.user.email,
    initials: member.user.initials,
    role: member.role,
    joinedAt: member.createdAt.toISO()!,
    ...flags,
  }
}

/** A pending invitation as admins see it: never its token or token hash. */
export function toPendingInvitation(invitation: WorkspaceInvitation) {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    invitedBy: invitation.invitedBy?.fullName ?? null,
    sentAt: (invitation.updatedAt ?? invitation.createdAt).toISO()!,
    expiresAt: invitation.expiresAt.toISO()!,
    expired: invitation.expiresAt <= DateTime.now(),
  }
}

/** What the invitee sees before accepting. */
export function toInvitationPreview(invitation: WorkspaceInvitation) {
  return {
    workspaceName: invitation.workspace.name,
    role: invitation.role,
    inviterName: invitation.invitedBy?.fullName ?? null,
    email: invitation.email,
    expiresAt: invitation.expiresAt.toISO()!,
  }
}

export type MemberRow = ReturnType<typeof toMemberRow>
export type PendingInvitation = ReturnType<typeof toPendingInvitation>
export type InvitationPreview = ReturnType<typeof toInvitationPreview>

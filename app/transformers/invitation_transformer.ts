import { BaseTransformer } from '@adonisjs/core/transformers'
import { DateTime } from 'luxon'
import type WorkspaceInvitation from '#models/workspace_invitation'

/** Workspace invitations: never their token or token hash. */
export default class InvitationTransformer extends BaseTransformer<WorkspaceInvitation> {
  /** A pending invitation as admins see it. Expects `invitedBy` preloaded. */
  toObject() {
    const invitation = this.resource
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

  /** What the invitee sees before accepting. Expects `workspace` and `invitedBy` preloaded. */
  forInvitee() {
    const invitation = this.resource
    return {
      workspaceName: invitation.workspace.name,
      role: invitation.role,
      inviterName: invitation.invitedBy?.fullName ?? null,
      email: invitation.email,
      expiresAt: invitation.expiresAt.toISO()!,
    }
  }
}

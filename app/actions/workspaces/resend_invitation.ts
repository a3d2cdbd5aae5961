import mail from '@adonisjs/mail/services/main'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import type WorkspaceInvitation from '#models/workspace_invitation'
import WorkspaceInvitationMail from '#mails/workspace_invitation_mail'
import { newInvitationToken } from '#services/workspaces/invitation_tokens'

/**
 * Sends a pending (or expired) invitation again with a new link and a new expiry;
 * the previous link stops working.
 */
export async function resendInvitation(
  invitation: WorkspaceInvitation,
  workspace: Workspace,
  sender: User
) {
  const { token, tokenHash, expiresAt } = newInvitationToken()
  invitation.merge({ tokenHash, expiresAt })
  await invitation.save()
  await mail.send(new WorkspaceInvitationMail({ invitation, workspace, inviter: sender, token }))
  return invitation
}

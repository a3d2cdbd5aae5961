import mail from '@adonisjs/mail/services/main'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import WorkspaceInvitation from '#models/workspace_invitation'
import WorkspaceMember from '#models/workspace_member'
import WorkspaceInvitationMail from '#mails/workspace_invitation_mail'
import type { Role } from '#services/roles'
import { newInvitationToken } from '#services/workspaces/invitation_tokens'

export interface InviteMemberInput {
  workspace: Workspace
  inviter: User
  email: string
  role: Role
}

export type InviteMemberResult =
  { status: 'invited'; invitation: WorkspaceInvitation } | { status: 'already_member' }

/**
 * Invites an address into a workspace and e-mails the link, written in the
 * inviter's language. Inviting the same address again replaces its pending
 * invitation, so only the newest link works.
 */
export async function inviteMember({
  workspace,
  inviter,
  email,
  role,
}: InviteMemberInput): Promise<InviteMemberResult> {
  const address = email.trim().toLowerCase()
  const alreadyMember = await WorkspaceMember.query()
    .where('workspace_id', workspace.id)
    .whereHas('user', (user) => user.whereRaw('lower(email) = ?', [address]))
    .first()
  if (alreadyMember) return { status: 'already_member' }

  const { token, tokenHash, expiresAt } = newInvitationToken()
  const invitation = await db.transaction(async (trx) => {
    await WorkspaceInvitation.query({ client: trx })
      .where('workspace_id', workspace.id)
      .where('email', address)
      .whereNull('accepted_at')
      .delete()
    return WorkspaceInvitation.create(
      {
        workspaceId: workspace.id,
        invitedById: inviter.id,
        email: address,
        role,
        tokenHash,
        expiresAt,
        acceptedAt: null,
      },
      { client: trx }
    )
  })
  await mail.send(new WorkspaceInvitationMail({ invitation, workspace, inviter, token }))
  return { status: 'invited', invitation }
}

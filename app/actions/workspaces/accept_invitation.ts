import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import type WorkspaceInvitation from '#models/workspace_invitation'
import WorkspaceMember from '#models/workspace_member'
import { findInvitationByToken, invitationState } from '#services/workspaces/invitation_tokens'

export type AcceptInvitationResult =
  | {
      status: 'accepted'
      workspace: Workspace
      invitation: WorkspaceInvitation
      member: WorkspaceMember
    }
  | { status: 'not_found' | 'expired' | 'used' | 'wrong_account' }

/**
 * Joins the invited workspace with the invited role. Only the account whose e-mail
 * the invitation was sent to (compared case-insensitively) may use it, once.
 * Someone who is already a member keeps their current role.
 */
export async function acceptInvitation(token: string, user: User): Promise<AcceptInvitationResult> {
  return db.transaction(async (trx) => {
    const invitation = await findInvitationByToken(token, trx)
    if (!invitation) return { status: 'not_found' as const }
    const state = invitationState(invitation)
    if (state !== 'pending') return { status: state }
    if (invitation.email.toLowerCase() !== user.email.trim().toLowerCase())
      return { status: 'wrong_account' as const }

    const member =
      (await WorkspaceMember.query({ client: trx })
        .where('workspace_id', invitation.workspaceId)
        .where('user_id', user.id)
        .first()) ??
      (await WorkspaceMember.create(
        { workspaceId: invitation.workspaceId, userId: user.id, role: invitation.role },
        { client: trx }
      ))
    invitation.useTransaction(trx)
    invitation.acceptedAt = DateTime.now()
    await invitation.save()
    user.useTransaction(trx)
    user.currentWorkspaceId = invitation.workspaceId
    await user.save()
    return { status: 'accepted' as const, workspace: invitation.workspace, invitation, member }
  })
}

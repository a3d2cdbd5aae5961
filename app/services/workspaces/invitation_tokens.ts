import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import WorkspaceInvitation from '#models/workspace_invitation'

/** How long an invitation link stays valid. */
export const INVITATION_TTL_DAYS = 7

/**
 * A fresh random token and what is stored of it: only its SHA-256, so a database
 * leak cannot be turned into a link that joins a workspace.
 */
export function newInvitationToken() {
  const token = randomBytes(32).toString('base64url')
  return {
    token,
    tokenHash: hashInvitationToken(token),
    expiresAt: DateTime.now().plus({ days: INVITATION_TTL_DAYS }),
  }
}

export function hashInvitationToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

export type InvitationState = 'pending' | 'expired' | 'used'

export function invitationState(invitation: WorkspaceInvitation): InvitationState {
  if (invitation.acceptedAt) return 'used'
  return invitation.expiresAt <= DateTime.now() ? 'expired' : 'pending'
}

/** The invitation a link points to, with its workspace, or null for an unknown token. */
export async function findInvitationByToken(token: string, trx?: TransactionClientContract) {
  if (!token || token.length > 128) return null
  const query = WorkspaceInvitation.query({ client: trx })
    .where('token_hash', hashInvitationToken(token))
    .preload('workspace')
    .preload('invitedBy')
  if (trx?.dialect.name === 'postgres') query.forUpdate()
  return query.first()
}

import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import WorkspaceInvitation from '#models/workspace_invitation'
import type { SignupMode } from '#config/accounts'

/** The sign-up mode in force (SIGNUP_MODE, see config/accounts.ts). */
export function signupMode(): SignupMode {
  return app.config.get('accounts.signupMode')
}

/** True when a workspace invitation to this address is waiting (not accepted, not expired). */
export async function hasPendingInvitation(email: string) {
  const invitation = await WorkspaceInvitation.query()
    .whereRaw('lower(email) = ?', [email.toLowerCase()])
    .whereNull('accepted_at')
    .where('expires_at', '>', DateTime.now().toFormat(invitationDateFormat()))
    .first()
  return invitation !== null
}

function invitationDateFormat() {
  return WorkspaceInvitation.query().client.dialect.dateTimeFormat
}

/** Whether the sign-up page may create an account for this address, under the current mode. */
export async function mayCreateAccount(email: string) {
  const mode = signupMode()
  if (mode === 'open') return true
  if (mode === 'closed') return false
  return hasPendingInvitation(email)
}

/** The invitation token in a `next` path that returns to an invitation page, if any. */
export function invitationTokenIn(next: unknown) {
  if (typeof next !== 'string') return null
  return /^\/invitations\/([A-Za-z0-9_-]{16,128})$/.exec(next)?.[1] ?? null
}

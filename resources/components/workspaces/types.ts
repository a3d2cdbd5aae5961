import type { Role } from '../../js/types'

/** Props of the members and invitation pages (see app/transformers/member_transformer.ts). */
export type MemberRow = {
  id: number
  name: string
  email: string
  initials: string
  role: Role
  joinedAt: string | null
  isYou: boolean
  canManage: boolean
  isLastOwner: boolean
}

export type PendingInvitation = {
  id: number
  email: string
  role: Role
  invitedBy: string | null
  sentAt: string | null
  expiresAt: string | null
  expired: boolean
}

export type InvitationPreview = {
  workspaceName: string
  role: Role
  inviterName: string | null
  email: string
  expiresAt: string | null
}

export type InvitationPageState = 'pending' | 'not_found' | 'expired' | 'used' | 'wrong_account'

export function formatDate(iso: string | null, locale: string) {
  return iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso)) : ''
}

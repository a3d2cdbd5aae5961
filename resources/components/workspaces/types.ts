import type { Data } from '@generated/data'

/** Props of the members and invitation pages (see app/transformers/member_transformer.ts). */
export type MemberRow = Data.Member

export type PendingInvitation = Data.Invitation

export type InvitationPreview = Data.Invitation.Variants['forInvitee']

export type InvitationPageState = 'pending' | 'not_found' | 'expired' | 'used' | 'wrong_account'

export function formatDate(iso: string | null, locale: string) {
  return iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso)) : ''
}

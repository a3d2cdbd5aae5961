import { BaseMail } from '@adonisjs/mail'
import i18nManager from '@adonisjs/i18n/services/main'
import { appUrl } from '#config/app'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import type WorkspaceInvitation from '#models/workspace_invitation'
import { INVITATION_TTL_DAYS } from '#services/workspaces/invitation_tokens'

export interface WorkspaceInvitationMailInput {
  invitation: WorkspaceInvitation
  workspace: Workspace
  inviter: User
  /** The raw token: it exists only in this e-mail, the database keeps its hash. */
  token: string
}

/**
 * The link to join a workspace. The invitee may have no account yet, so the
 * message is written in the inviter's language.
 */
export default class WorkspaceInvitationMail extends BaseMail {
  constructor(private input: WorkspaceInvitationMailInput) {
    super()
  }

  get url() {
    return `${appUrl.replace(/\/+$/, '')}/invitations/${encodeURIComponent(this.input.token)}`
  }

  prepare() {
    const { invitation, workspace, inviter } = this.input
    const i18n = i18nManager.locale(inviter.locale)
    const names = {
      inviter: inviter.fullName,
      workspace: workspace.name,
      role: i18n.t(`roles.${invitation.role}`),
    }
    const copy = {
      locale: i18n.locale,
      preheader: i18n.t('invitations.mail.preheader', names),
      greeting: i18n.t('invitations.mail.greeting'),
      intro: i18n.t('invitations.mail.intro', names),
      action: i18n.t('invitations.mail.action'),
      expiry: i18n.t('invitations.mail.expiry', { days: INVITATION_TTL_DAYS }),
      ignore: i18n.t('invitations.mail.ignore'),
      fallback: i18n.t('invitations.mail.fallback'),
      signature: i18n.t('invitations.mail.signature'),
      url: this.url,
    }
    this.message
      .to(invitation.email)
      .subject(i18n.t('invitations.mail.subject', names))
      .htmlView('emails/workspace_invitation', copy)
      .text(
        [
          copy.greeting,
          '',
          copy.intro,
          '',
          copy.url,
          '',
          copy.expiry,
          copy.ignore,
          '',
          copy.signature,
        ].join('\n')
      )
  }
}

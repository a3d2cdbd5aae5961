import { BaseMail } from '@adonisjs/mail'
import { composeLinkMail } from '#mails/link_mail'
import { appUrl } from '#config/app'
import type User from '#models/user'
import { RESET_TOKEN_TTL_MINUTES } from '#services/accounts/password_reset_tokens'

/** The link to choose a new password, written in the user's own language. */
export default class PasswordResetMail extends BaseMail {
  constructor(
    private user: User,
    private token: string
  ) {
    super()
  }

  get url() {
    return new URL(`/reset-password/${encodeURIComponent(this.token)}`, appUrl).toString()
  }

  prepare() {
    composeLinkMail(this.message, this.user, {
      keys: 'mail.passwordReset',
      view: 'emails/password_reset',
      url: this.url,
      expiry: { minutes: RESET_TOKEN_TTL_MINUTES },
    })
  }
}

import { BaseMail } from '@adonisjs/mail'
import i18nManager from '@adonisjs/i18n/services/main'
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
    const i18n = i18nManager.locale(this.user.locale)
    const copy = {
      locale: i18n.locale,
      preheader: i18n.t('mail.passwordReset.preheader'),
      greeting: i18n.t('mail.greeting', { name: this.user.fullName }),
      intro: i18n.t('mail.passwordReset.intro'),
      action: i18n.t('mail.passwordReset.action'),
      expiry: i18n.t('mail.passwordReset.expiry', { minutes: RESET_TOKEN_TTL_MINUTES }),
      ignore: i18n.t('mail.passwordReset.ignore'),
      fallback: i18n.t('mail.linkFallback'),
      signature: i18n.t('mail.signature'),
      url: this.url,
    }
    this.message
      .to(this.user.email, this.user.fullName)
      .subject(i18n.t('mail.passwordReset.subject'))
      .htmlView('emails/password_reset', copy)
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

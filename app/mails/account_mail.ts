import { BaseMail } from '@adonisjs/mail'
import i18nManager from '@adonisjs/i18n/services/main'
import { appUrl } from '#config/app'

/** Who an account message goes to: an account, or an address that has none (yet). */
export interface AccountMailRecipient {
  email: string
  fullName?: string | null
  locale: string
}

/**
 * The messages about the account itself, each a key under `mail.` in resources/lang:
 * `subject`, `preheader`, `intro`, an optional `action` (the button, with `path`) and `note`.
 */
export type AccountMailKind =
  | 'signupConfirm'
  | 'signupExisting'
  | 'signupNotInvited'
  | 'loginFailures'
  | 'emailChangeConfirm'
  | 'emailChangeNotice'

export interface AccountMailInput {
  to: AccountMailRecipient
  kind: AccountMailKind
  /** Values the message's text interpolates ({minutes}, {email}, {ip}…). */
  params?: Record<string, string | number>
  /** Path of the button's link, on APP_URL (a token-bearing link exists only in this mail). */
  path?: string
}

/** One layout for every account message, written in the recipient's language. */
export default class AccountMail extends BaseMail {
  constructor(readonly input: AccountMailInput) {
    super()
  }

  get url() {
    return this.input.path ? new URL(this.input.path, appUrl).toString() : null
  }

  prepare() {
    const { to, kind, params = {} } = this.input
    const i18n = i18nManager.locale(to.locale)
    const text = (key: string) => i18n.t(`mail.${kind}.${key}`, params)
    const has = (key: string) => i18n.hasMessage(`mail.${kind}.${key}`)
    const copy = {
      locale: i18n.locale,
      preheader: text('preheader'),
      greeting: to.fullName
        ? i18n.t('mail.greeting', { name: to.fullName })
        : i18n.t('mail.greetingAnonymous'),
      intro: text('intro'),
      action: has('action') ? text('action') : null,
      note: has('note') ? text('note') : null,
      fallback: i18n.t('mail.linkFallback'),
      signature: i18n.t('mail.signature'),
      url: this.url,
    }
    this.message
      .to(to.email, to.fullName ?? undefined)
      .subject(text('subject'))
      .htmlView('emails/account_message', copy)
      .text(
        [
          copy.greeting,
          '',
          copy.intro,
          ...(copy.url ? ['', copy.url] : []),
          ...(copy.note ? ['', copy.note] : []),
          '',
          copy.signature,
        ].join('\n')
      )
  }
}

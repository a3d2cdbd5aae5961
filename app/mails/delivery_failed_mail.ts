import { BaseMail } from '@adonisjs/mail'
import i18nManager from '@adonisjs/i18n/services/main'
import { appUrl } from '#config/app'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import type { NotificationKind } from '#models/notification'

/**
 * A delivery that failed or whose outcome is unknown, or an account that needs
 * reconnecting — one message per event, in the recipient's language. `data` is the
 * notification's (ids, network, handle, a short reason; never a secret).
 */
export default class DeliveryFailedMail extends BaseMail {
  constructor(
    private user: User,
    private workspace: Workspace,
    private kind: NotificationKind,
    private data: Record<string, unknown>
  ) {
    super()
  }

  get url() {
    const section = this.kind === 'account_needs_reconnection' ? 'channels' : 'calendar'
    return `${appUrl.replace(/\/+$/, '')}/w/${encodeURIComponent(this.workspace.slug)}/${section}`
  }

  prepare() {
    const i18n = i18nManager.locale(this.user.locale)
    const names = {
      workspace: this.workspace.name,
      network: String(this.data.networkName ?? this.data.network ?? ''),
      handle: String(this.data.handle ?? ''),
      reason: String(this.data.reason ?? ''),
      excerpt: String(this.data.excerpt ?? ''),
    }
    const key = `publishing.mail.${this.kind}`
    const copy = {
      locale: i18n.locale,
      preheader: i18n.t(`${key}.preheader`, names),
      greeting: i18n.t('publishing.mail.greeting', { name: this.user.fullName }),
      intro: i18n.t(`${key}.intro`, names),
      reason: names.reason ? i18n.t('publishing.mail.reason', names) : '',
      excerpt: names.excerpt ? i18n.t('publishing.mail.excerpt', names) : '',
      action: i18n.t(`${key}.action`),
      fallback: i18n.t('publishing.mail.fallback'),
      signature: i18n.t('publishing.mail.signature'),
      url: this.url,
    }
    this.message
      .to(this.user.email, this.user.fullName)
      .subject(i18n.t(`${key}.subject`, names))
      .htmlView('emails/delivery_failed', copy)
      .text(
        [copy.greeting, '', copy.intro, copy.excerpt, copy.reason, '', copy.url, '', copy.signature]
          .filter((line, i, all) => line || all[i - 1])
          .join('\n')
      )
  }
}

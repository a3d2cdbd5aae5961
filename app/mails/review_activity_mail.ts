import { BaseMail } from '@adonisjs/mail'
import i18nManager from '@adonisjs/i18n/services/main'
import { appUrl } from '#config/app'

/** The mails of client review and conversations: one template, a copy per kind and language. */
export type ReviewMailKind =
  | 'client_approved'
  | 'client_changes_requested'
  | 'client_commented'
  | 'mentioned'
  | 'awaiting_review'
  | 'new_posts_await'

/**
 * One mail to a member (a client action on a post, a mention) or to the client's opt-in
 * address (new posts await review). Texts are the notification's: names, a short excerpt,
 * never anything the recipient could not already see.
 */
export default class ReviewActivityMail extends BaseMail {
  constructor(
    private to: { email: string; name: string | null; locale: string },
    private kind: ReviewMailKind,
    private names: Record<string, string>,
    /** Where the button leads; null for a mail that points to a link sent before. */
    private path: string | null
  ) {
    super()
  }

  prepare() {
    const i18n = i18nManager.locale(this.to.locale)
    const url = this.path === null ? '' : `${appUrl.replace(/\/+$/, '')}${this.path}`
    const key = `reviews.mail.${this.kind}`
    const copy = {
      locale: i18n.locale,
      preheader: i18n.t(`${key}.preheader`, this.names),
      greeting: this.to.name
        ? i18n.t('reviews.mail.greeting', { name: this.to.name })
        : i18n.t('reviews.mail.greetingAnonymous'),
      intro: i18n.t(`${key}.intro`, this.names),
      excerpt: this.names.excerpt ? i18n.t('reviews.mail.excerpt', this.names) : '',
      reason: this.names.comment ? i18n.t('reviews.mail.comment', this.names) : '',
      action: i18n.t(`${key}.action`),
      fallback: i18n.t('reviews.mail.fallback'),
      signature: i18n.t('reviews.mail.signature'),
      url,
    }
    this.message
      .to(this.to.email, this.to.name ?? undefined)
      .subject(i18n.t(`${key}.subject`, this.names))
      .htmlView('emails/delivery_failed', copy)
      .text(
        [copy.greeting, '', copy.intro, copy.excerpt, copy.reason, '', copy.url, '', copy.signature]
          .filter((line, i, all) => line || all[i - 1])
          .join('\n')
      )
  }
}

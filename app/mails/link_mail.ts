import type { Message } from '@adonisjs/mail'
import i18nManager from '@adonisjs/i18n/services/main'
import type User from '#models/user'

/**
 * The layout of a message whose point is one time-limited link (a password reset, a finished
 * data export), in the user's language: the texts are `subject`, `preheader`, `intro`, `action`
 * (the button), `expiry` and `ignore` under `keys` in resources/lang.
 */
export function composeLinkMail(
  message: Message,
  user: User,
  input: { keys: string; view: string; url: string; expiry: Record<string, number> }
) {
  const i18n = i18nManager.locale(user.locale)
  const copy = {
    locale: i18n.locale,
    preheader: i18n.t(`${input.keys}.preheader`),
    greeting: i18n.t('mail.greeting', { name: user.fullName }),
    intro: i18n.t(`${input.keys}.intro`),
    action: i18n.t(`${input.keys}.action`),
    expiry: i18n.t(`${input.keys}.expiry`, input.expiry),
    ignore: i18n.t(`${input.keys}.ignore`),
    fallback: i18n.t('mail.linkFallback'),
    signature: i18n.t('mail.signature'),
    url: input.url,
  }
  message
    .to(user.email, user.fullName)
    .subject(i18n.t(`${input.keys}.subject`))
    .htmlView(input.view, copy)
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

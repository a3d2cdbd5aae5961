import mail from '@adonisjs/mail/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import type User from '#models/user'
import { redactText } from '#sdk/redact'

/**
 * The "send a test mail" button: one plain message to the admin's own address, sent now
 * through the configured transport, so an SMTP mistake shows up as an error on the page
 * rather than as sign-ups that never arrive.
 */
export async function sendTestMail(
  user: User
): Promise<{ ok: true } | { ok: false; error: string }> {
  const i18n = i18nManager.locale(user.locale)
  try {
    await mail.send((message) => {
      message
        .to(user.email, user.fullName)
        .subject(i18n.t('system.settings.mail.subject'))
        .text(i18n.t('system.settings.mail.body'))
    })
    return { ok: true }
  } catch (error) {
    // An SMTP error may quote the login it refused.
    return { ok: false, error: redactText((error as Error).message).slice(0, 300) }
  }
}

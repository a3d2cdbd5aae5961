import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import { outboxFolder } from '#config/mail'

/** Production without SMTP: every mail ends up in a file nobody reads (see config/accounts.ts). */
export function mailIsUnsent(): boolean {
  return app.config.get('accounts.mailUnsent', false)
}

/** Says so in the log, at error level so it shows whatever LOG_LEVEL is set to. */
export function warnIfMailIsUnsent() {
  if (!mailIsUnsent()) return
  logger.error(
    `Mail is not being sent: MAIL_MAILER is "outbox", which writes each message to ${outboxFolder()} ` +
      'and sends nothing. Sign-up confirmations, password resets and invitations will not arrive. ' +
      'Set MAIL_MAILER=smtp and SMTP_HOST, SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD.'
  )
}

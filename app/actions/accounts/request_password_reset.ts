import mail from '@adonisjs/mail/services/main'
import User from '#models/user'
import { audit } from '#services/audit'
import PasswordResetMail from '#mails/password_reset_mail'
import { issueResetToken } from '#services/accounts/password_reset_tokens'
import { firstLimitExceeded } from '#services/accounts/limits'
import { passwordResetPerEmail, passwordResetPerIp } from '#start/limiter'

export type ResetRequestResult =
  { status: 'sent' } | { status: 'throttled'; retryInMinutes: number }

/**
 * Mails a reset link when an account has this address. The caller answers the
 * same way whether or not one exists, and the mail leaves through the queue so
 * the response time does not tell either.
 */
export async function requestPasswordReset(email: string, ip: string): Promise<ResetRequestResult> {
  const wait = await firstLimitExceeded([
    [passwordResetPerIp, `forgot:ip:${ip}`],
    [passwordResetPerEmail, `forgot:email:${email}`],
  ])
  if (wait !== null) return { status: 'throttled', retryInMinutes: wait }

  const user = await User.findBy('email', email)
  if (!user) return { status: 'sent' }

  const token = await issueResetToken(user)
  await mail.sendLater(new PasswordResetMail(user, token))
  await audit({
    action: 'auth.password_reset_requested',
    actorId: null,
    subjectType: 'user',
    subjectId: user.id,
    ip,
  })
  return { status: 'sent' }
}

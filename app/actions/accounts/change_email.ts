import router from '@adonisjs/core/services/router'
import mail from '@adonisjs/mail/services/main'
import User from '#models/user'
import AccountMail from '#mails/account_mail'
import {
  cancelEmailChanges,
  CONFIRMATION_TTL_HOURS,
  consumeConfirmation,
  findUsableConfirmation,
  issueConfirmation,
} from '#services/accounts/account_confirmations'
import { firstLimitExceeded } from '#services/accounts/limits'
import { emailChangePerUser } from '#start/limiter'

export type EmailChangeRequest =
  { status: 'sent' } | { status: 'unchanged' } | { status: 'throttled'; retryInMinutes: number }

/**
 * Asks to move the account to a new sign-in address (the caller has checked the current
 * password). The new address gets a single-use link and the current one a notice, so a
 * stolen session cannot quietly take the account over; nothing changes until the link
 * is opened. An address that already has an account gets no link, and the answer is the
 * same, so this form cannot list accounts either.
 */
export async function requestEmailChange(user: User, email: string): Promise<EmailChangeRequest> {
  if (email === user.email) return { status: 'unchanged' }
  const wait = await firstLimitExceeded([[emailChangePerUser, `email-change:${user.id}`]])
  if (wait !== null) return { status: 'throttled', retryInMinutes: wait }

  if (!(await User.findBy('email', email))) {
    // Only the newest link works.
    await cancelEmailChanges(user.id)
    const token = await issueConfirmation('email_change', email, { userId: user.id })
    await mail.sendLater(
      new AccountMail({
        to: { email, fullName: user.fullName, locale: user.locale },
        kind: 'emailChangeConfirm',
        params: { email, hours: CONFIRMATION_TTL_HOURS },
        path: router.urlBuilder.urlFor('profile.email.confirmation', { token }),
      })
    )
  }
  await mail.sendLater(new AccountMail({ to: user, kind: 'emailChangeNotice', params: { email } }))
  return { status: 'sent' }
}

export type EmailChangeResult =
  { status: 'changed'; user: User; previous: string } | { status: 'invalid_link' }

/** Opens the link: the account's sign-in address becomes the confirmed one, once. */
export async function confirmEmailChange(token: string): Promise<EmailChangeResult> {
  const record = await findUsableConfirmation('email_change', token)
  if (!record || !record.userId) return { status: 'invalid_link' }
  const user = await User.find(record.userId)
  // Someone may have taken the address since the link left.
  if (!user || (await User.findBy('email', record.email))) return { status: 'invalid_link' }
  if (!(await consumeConfirmation(record))) return { status: 'invalid_link' }

  const previous = user.email
  user.email = record.email
  await user.save()
  await cancelEmailChanges(user.id)
  return { status: 'changed', user, previous }
}

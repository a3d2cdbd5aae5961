import hash from '@adonisjs/core/services/hash'
import User from '#models/user'
import {
  consumeConfirmation,
  findUsableConfirmation,
} from '#services/accounts/account_confirmations'
import { createAccount } from '#actions/accounts/sign_up'
import { recordFailure, secondsToWait } from '#services/accounts/login_throttle'
import { mayCreateAccount } from '#services/accounts/signup_policy'
import { minutesUntil } from '#start/limiter'

export type ConfirmSignUpResult =
  | { status: 'ok'; user: User; next: string | null }
  | { status: 'invalid_link' }
  | { status: 'not_allowed' }
  | { status: 'wrong_password' }
  | { status: 'throttled'; retryInMinutes: number }

/**
 * Creates the account of a confirmed sign-up. The link proves the mailbox; the password
 * chosen at sign-up, typed again here, proves the person who filled in the form is the one
 * confirming. Without it, someone could sign a stranger's address up with a password of
 * their own and wait for the owner to click the link (an account pre-hijack).
 * Wrong passwords count like failed logins (see login_throttle.ts).
 */
export async function confirmSignUp(
  input: { token: string; password: string },
  ip: string
): Promise<ConfirmSignUpResult> {
  const record = await findUsableConfirmation('signup', input.token)
  if (!record) return { status: 'invalid_link' }

  const wait = await secondsToWait(record.email, ip)
  if (wait > 0) return { status: 'throttled', retryInMinutes: minutesUntil(wait) }
  if (!(await hash.verify(record.passwordHash!, input.password))) {
    const minutes = await recordFailure(record.email, ip)
    return minutes > 0
      ? { status: 'throttled', retryInMinutes: minutes }
      : { status: 'wrong_password' }
  }

  // The mode or the invitation may have changed since the mail left.
  if (!(await mayCreateAccount(record.email))) return { status: 'not_allowed' }
  if (await User.findBy('email', record.email)) return { status: 'invalid_link' }
  if (!(await consumeConfirmation(record))) return { status: 'invalid_link' }

  try {
    const user = await createAccount({
      fullName: record.fullName!,
      email: record.email,
      password: input.password,
      locale: record.locale ?? 'en',
      timezone: record.timezone ?? 'UTC',
    })
    return { status: 'ok', user, next: record.nextPath }
  } catch (error) {
    // Two links to one address confirmed at the same moment: the other one made the account
    // (unique e-mail), so this link has nothing left to do.
    if (await User.findBy('email', record.email)) return { status: 'invalid_link' }
    throw error
  }
}

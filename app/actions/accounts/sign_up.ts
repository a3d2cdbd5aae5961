import router from '@adonisjs/core/services/router'
import hash from '@adonisjs/core/services/hash'
import mail from '@adonisjs/mail/services/main'
import User from '#models/user'
import { promoteIfFirstAccount } from '#services/instance_admins'
import AccountMail from '#mails/account_mail'
import { findInvitationByToken, invitationState } from '#services/workspaces/invitation_tokens'
import { CONFIRMATION_TTL_HOURS, issueConfirmation } from '#services/accounts/account_confirmations'
import { firstLimitExceeded } from '#services/accounts/limits'
import { invitationTokenIn, mayCreateAccount, signupMode } from '#services/accounts/signup_policy'
import { safeNextPath } from '#services/safe_next_path'
import { signupPerEmail, signupPerIp } from '#start/limiter'

export interface SignUpInput {
  fullName: string
  email: string
  password: string
  timezone?: string
  locale: string
  /** Where to go once signed in (an invitation page when the invitee came from its link). */
  next?: string
}

export type SignUpResult =
  | { status: 'closed' }
  | { status: 'throttled'; retryInMinutes: number }
  /** The address is proven (an invitation link to it was opened): the account exists now. */
  | { status: 'signed_up'; user: User; next: string }
  /** The one answer for every other case, whatever the address (see below). */
  | { status: 'check_mailbox' }

/**
 * A sign-up request. Apart from the invitation shortcut, the page answers "check your
 * mailbox" in every case, so it cannot tell whether an address has an account:
 * - a new address that may sign up gets a link that creates the account (confirm_sign_up.ts);
 * - an address that has an account gets a notice instead, and nothing changes;
 * - in invite mode, an address without a pending invitation is told so by mail.
 * The password is hashed in every case so the response time does not tell either.
 */
export async function requestSignUp(input: SignUpInput, ip: string): Promise<SignUpResult> {
  if (signupMode() === 'closed') return { status: 'closed' }
  const wait = await firstLimitExceeded([
    [signupPerIp, `signup:ip:${ip}`],
    [signupPerEmail, `signup:email:${input.email}`],
  ])
  if (wait !== null) return { status: 'throttled', retryInMinutes: wait }

  const invited = await signUpFromInvitation(input)
  if (invited) return invited

  const passwordHash = await hash.make(input.password)
  const existing = await User.findBy('email', input.email)
  if (existing) {
    await mail.sendLater(
      new AccountMail({
        to: existing,
        kind: 'signupExisting',
        params: { email: existing.email },
        path: router.urlBuilder.urlFor('session.create'),
      })
    )
    return { status: 'check_mailbox' }
  }

  const recipient = { email: input.email, fullName: input.fullName, locale: input.locale }
  if (!(await mayCreateAccount(input.email))) {
    await mail.sendLater(
      new AccountMail({ to: recipient, kind: 'signupNotInvited', params: { email: input.email } })
    )
    return { status: 'check_mailbox' }
  }

  const token = await issueConfirmation('signup', input.email, {
    fullName: input.fullName,
    passwordHash,
    locale: input.locale,
    timezone: input.timezone ?? 'UTC',
    nextPath: input.next ? safeNextPath(input.next) : null,
  })
  await mail.sendLater(
    new AccountMail({
      to: recipient,
      kind: 'signupConfirm',
      params: { hours: CONFIRMATION_TTL_HOURS },
      path: router.urlBuilder.urlFor('signup.confirmation', { token }),
    })
  )
  return { status: 'check_mailbox' }
}

/**
 * Someone who followed an invitation link to this form and kept the invited address has
 * shown they read that mailbox: the account is created at once and they return to the
 * invitation. Only the holder of that link learns here whether the address had an account.
 */
async function signUpFromInvitation(input: SignUpInput): Promise<SignUpResult | null> {
  const token = invitationTokenIn(input.next)
  if (!token) return null
  const invitation = await findInvitationByToken(token)
  if (!invitation || invitationState(invitation) !== 'pending') return null
  if (invitation.email.toLowerCase() !== input.email) return null
  if (await User.findBy('email', input.email)) return null
  const user = await createAccount(input)
  return { status: 'signed_up', user, next: safeNextPath(input.next) }
}

/**
 * Creates the account. The e-mail arrives lower-cased from the validator; the password is
 * hashed by the model before it is saved. The browser's own time zone, when it sent one,
 * saves a trip to the profile page.
 */
export async function createAccount(input: Omit<SignUpInput, 'next'>) {
  const user = await User.create({
    fullName: input.fullName,
    email: input.email,
    password: input.password,
    locale: input.locale,
    timezone: input.timezone ?? 'UTC',
  })
  // The first sign-up of a fresh install runs it.
  await promoteIfFirstAccount(user)
  return user
}

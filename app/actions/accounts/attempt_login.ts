import { errors as limiterErrors } from '@adonisjs/limiter'
import User from '#models/user'
import { audit } from '#services/audit'
import { loginPerAccount, loginPerIp, minutesUntil } from '#start/limiter'

export type LoginResult =
  | { status: 'ok'; user: User }
  | { status: 'invalid_credentials' }
  | { status: 'locked'; retryInMinutes: number }

/**
 * Checks credentials under two limits: every attempt counts against the IP
 * address, failures count against the account (the fifth one locks it). The
 * answer for an unknown e-mail and for a wrong password is the same.
 */
export async function attemptLogin(
  input: { email: string; password: string },
  ip: string
): Promise<LoginResult> {
  try {
    await loginPerIp.consume(`login:ip:${ip}`)
  } catch (error) {
    if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS) {
      return { status: 'locked', retryInMinutes: minutesUntil(error.response.availableIn) }
    }
    throw error
  }

  const accountKey = `login:account:${input.email}`
  try {
    const [throttled, user] = await loginPerAccount.penalize(accountKey, () =>
      User.verifyCredentials(input.email, input.password)
    )
    if (throttled)
      return { status: 'locked', retryInMinutes: minutesUntil(throttled.response.availableIn) }
    return { status: 'ok', user }
  } catch (error) {
    if ((error as { code?: string }).code !== 'E_INVALID_CREDENTIALS') throw error
  }

  // This failure may have been the one that locked the account: say so now, and record it once.
  const state = await loginPerAccount.get(accountKey)
  if (state && state.remaining <= 0) {
    const user = await User.findBy('email', input.email)
    await audit({
      action: 'auth.login_locked',
      subjectType: user ? 'user' : undefined,
      subjectId: user?.id,
      meta: { email: input.email, attempts: loginPerAccount.requests },
      ip,
    })
    return { status: 'locked', retryInMinutes: minutesUntil(state.availableIn) }
  }
  return { status: 'invalid_credentials' }
}

import { errors as limiterErrors } from '@adonisjs/limiter'
import User from '#models/user'
import { forgetFailures, recordFailure, secondsToWait } from '#services/accounts/login_throttle'
import { loginPerIp, minutesUntil } from '#start/limiter'

export type LoginResult =
  | { status: 'ok'; user: User }
  | { status: 'invalid_credentials' }
  | { status: 'locked'; retryInMinutes: number }

/**
 * Checks credentials under two limits: every attempt counts against the IP address, and
 * failures make that address wait longer and longer before trying the same account again
 * (see login_throttle.ts). No account is ever locked for everyone. The answer for an
 * unknown e-mail and for a wrong password is the same.
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

  const wait = await secondsToWait(input.email, ip)
  if (wait > 0) return { status: 'locked', retryInMinutes: minutesUntil(wait) }

  try {
    const user = await User.verifyCredentials(input.email, input.password)
    await forgetFailures(input.email, ip)
    return { status: 'ok', user }
  } catch (error) {
    if ((error as { code?: string }).code !== 'E_INVALID_CREDENTIALS') throw error
  }

  const minutes = await recordFailure(input.email, ip)
  return minutes > 0
    ? { status: 'locked', retryInMinutes: minutes }
    : { status: 'invalid_credentials' }
}

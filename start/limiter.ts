/**
 * Named rate limits of the accounts area. Counters live in the default limiter
 * store (Redis), so they hold across web replicas and restarts.
 */
import limiter from '@adonisjs/limiter/services/main'

/** Every login attempt from one IP address, successful or not. */
export const loginPerIp = limiter.use({ requests: 20, duration: '1 min', blockDuration: '1 min' })

/**
 * Failed logins on one account: the fifth failure within 15 minutes locks the
 * account for 15 minutes. Used with `penalize`, so a successful login resets it.
 */
export const loginPerAccount = limiter.use({
  requests: 5,
  duration: '15 mins',
  blockDuration: '15 mins',
})

/** Password-reset requests from one IP address. */
export const passwordResetPerIp = limiter.use({ requests: 10, duration: '15 mins' })

/** Password-reset requests (and reset attempts) for one e-mail address or account. */
export const passwordResetPerEmail = limiter.use({ requests: 3, duration: '1 hour' })

/** Minutes to announce to a throttled user, never less than one. */
export function minutesUntil(availableInSeconds: number) {
  return Math.max(1, Math.ceil(availableInSeconds / 60))
}

/**
 * Named rate limits of the accounts area. Counters live in the default limiter
 * store (Redis), so they hold across web replicas and restarts.
 */
import limiter from '@adonisjs/limiter/services/main'

/** Every login attempt from one IP address, successful or not. */
export const loginPerIp = limiter.use({ requests: 20, duration: '1 min', blockDuration: '1 min' })

/**
 * Failed logins of one account from one IP address, counted over an hour. Past a few
 * free failures each one starts a longer wait for that pair only (see login_throttle.ts):
 * a stranger guessing a password cannot lock the owner out from elsewhere.
 */
export const loginFailuresPerAccountIp = limiter.use({ requests: 10_000, duration: '1 hour' })

/** The wait in force for one account + IP pair, set with `block`. */
export const loginDelayPerAccountIp = limiter.use({ requests: 1, duration: '1 min' })

/** Failed logins of one account from every address: the owner is told at a threshold. */
export const loginFailuresPerAccount = limiter.use({ requests: 10_000, duration: '1 hour' })

/** Sign-up requests from one IP address (each may send a mail). */
export const signupPerIp = limiter.use({ requests: 5, duration: '1 hour' })

/** Sign-up requests naming one e-mail address, from anywhere (mails to one mailbox). */
export const signupPerEmail = limiter.use({ requests: 3, duration: '1 hour' })

/** E-mail change requests of one account (each mails two addresses). */
export const emailChangePerUser = limiter.use({ requests: 5, duration: '1 hour' })

/** Password-reset requests from one IP address. */
export const passwordResetPerIp = limiter.use({ requests: 10, duration: '15 mins' })

/** Password-reset requests (and reset attempts) for one e-mail address or account. */
export const passwordResetPerEmail = limiter.use({ requests: 3, duration: '1 hour' })

/** Minutes to announce to a throttled user, never less than one. */
export function minutesUntil(availableInSeconds: number) {
  return Math.max(1, Math.ceil(availableInSeconds / 60))
}

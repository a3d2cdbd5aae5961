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

/**
 * Review links (pages without an account). Every request to /review/* from one IP, and
 * the same for one link from everywhere: a shared link is read by a handful of people.
 */
export const reviewPerIp = limiter.use({
  requests: 120,
  duration: '1 min',
  blockDuration: '5 mins',
})
export const reviewPerToken = limiter.use({ requests: 300, duration: '1 min' })

/**
 * Unknown tokens named from one IP: a guesser is stopped after a few misses (a real client
 * mistypes once or twice), until the hour is over. Revoked and expired links do not count.
 */
export const reviewMissesPerIp = limiter.use({ requests: 10, duration: '1 hour' })

/** Wrong passwords for one link from one IP. */
export const reviewPasswordPerLinkIp = limiter.use({ requests: 5, duration: '15 mins' })

/** Client actions (approve, request changes, comment) through one link: each one mails the team. */
export const reviewActionsPerToken = limiter.use({ requests: 60, duration: '1 hour' })

/**
 * Link cards the composer asks for, per member: one per link typed, each a fetch at most
 * (then cached); the ceiling stops a script from using the server as a fetcher.
 */
export const linkCardsPerUser = limiter.use({ requests: 60, duration: '1 min' })

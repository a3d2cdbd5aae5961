import mail from '@adonisjs/mail/services/main'
import User from '#models/user'
import AccountMail from '#mails/account_mail'
import { audit } from '#services/audit'
import {
  loginDelayPerAccountIp,
  loginFailuresPerAccount,
  loginFailuresPerAccountIp,
} from '#start/limiter'

/** Failures of one account from one address that cost nothing (typos happen). */
export const FREE_FAILURES = 4
/** The longest wait one account + IP pair can be given. */
export const MAX_DELAY_MINUTES = 60
/** Failures of one account, from anywhere within the hour, after which its owner gets a mail. */
export const OWNER_NOTICE_AFTER = 5

/**
 * Minutes to wait after the n-th failure of a pair: none for the free ones, then 1, 2, 4, 8…
 * up to an hour. Guessing stays possible for nobody but costs the guesser time that doubles.
 */
export function delayAfterFailures(failures: number) {
  if (failures <= FREE_FAILURES) return 0
  return Math.min(MAX_DELAY_MINUTES, 2 ** (failures - FREE_FAILURES - 1))
}

/**
 * The limiter key of one account + IP pair. Every limiter shares one key space in the
 * store, so each gets its own prefix.
 */
const loginPairKey = (email: string, ip: string) => `${email}|${ip}`
const failuresKey = (email: string, ip: string) => `login-failures:${loginPairKey(email, ip)}`
export const loginWaitKey = (email: string, ip: string) => `login-wait:${loginPairKey(email, ip)}`

/** Seconds this address must still wait before trying this account again (0: go ahead). */
export function secondsToWait(email: string, ip: string) {
  return loginDelayPerAccountIp.availableIn(loginWaitKey(email, ip))
}

/** A successful login from this address forgets its failures (the owner's account-wide count stays). */
export async function forgetFailures(email: string, ip: string) {
  await loginFailuresPerAccountIp.delete(failuresKey(email, ip))
  await loginDelayPerAccountIp.delete(loginWaitKey(email, ip))
}

/**
 * Counts a failed login and returns the minutes this pair must now wait (0 for none). The
 * account's owner is mailed when the account-wide count reaches OWNER_NOTICE_AFTER, which
 * happens once per hour-long window however many attempts follow.
 */
export async function recordFailure(email: string, ip: string) {
  const pair = await loginFailuresPerAccountIp.increment(failuresKey(email, ip))
  const minutes = delayAfterFailures(pair.consumed)
  const account = await loginFailuresPerAccount.increment(`login-failures-account:${email}`)

  const user =
    minutes > 0 || account.consumed === OWNER_NOTICE_AFTER
      ? await User.findBy('email', email)
      : null
  if (minutes > 0) {
    await loginDelayPerAccountIp.block(loginWaitKey(email, ip), minutes * 60)
    await audit({
      action: 'auth.login_throttled',
      subjectType: user ? 'user' : undefined,
      subjectId: user?.id,
      meta: { email, failures: pair.consumed, waitMinutes: minutes },
      ip,
    })
  }
  if (user && account.consumed === OWNER_NOTICE_AFTER) {
    await mail.sendLater(
      new AccountMail({
        to: user,
        kind: 'loginFailures',
        params: { count: account.consumed, ip },
        path: '/forgot-password',
      })
    )
  }
  return minutes
}

import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { Failed, PublishContext, RateLimited, Unauthorized } from '#sdk'
import SocialAccount from '#models/social_account'
import { notifyNeedsReconnection } from '#services/publishing/notify'
import type { AccountSession } from '#services/publishing/account_session'
import { markFailed, markPending, requeue, type Run } from '#services/publishing/transitions'
import { affectedRows, publishingConfig, shortReason } from '#services/publishing/settings'
import { problem, problemOf } from '#services/publishing/problems'

/**
 * The answers that say nothing was posted — a refused token, a rate limit, an error — and how
 * a claimed delivery is settled on them (requeued, polled again, failed). The main post's
 * outcome (outcome.ts) and a thread part's (part_outcome.ts) both end here.
 */

/** Everything needed to act on a plugin's answer for one claimed delivery. */
export interface Attempt extends Run {
  session: AccountSession
  /** The publish call as made, for a lookup or a same-key retry. */
  publishContext: () => PublishContext
  /** `check`: the answer came from checkStatus — a transient error polls again, never republishes. */
  mode: 'publish' | 'check'
  /** Known from the publish's first read: a post without follow-ups skips looking for them. */
  hasParts?: boolean
}

export function backoffMs(attempt: number) {
  const { backoffBaseMs, backoffMaxMs } = publishingConfig()
  return Math.min(backoffMaxMs, backoffBaseMs * 2 ** Math.max(0, attempt - 1))
}

/** Flips the account to needs_reconnection once; only the process that flips it notifies. */
export async function needsReconnection(attempt: Attempt, reason: string) {
  const { account } = attempt.session
  const flipped = affectedRows(
    await db
      .from('social_accounts')
      .where('id', account.id)
      .where('status', 'connected')
      .update({ status: 'needs_reconnection', last_error: shortReason(reason) })
  )
  const current = await SocialAccount.find(account.id)
  if (flipped === 1 && current) await notifyNeedsReconnection(current, attempt.delivery.id)
  // The account's notice covers this delivery: no second message for the same event.
  await markFailed(
    attempt,
    problem('unauthorized', `The account needs to be reconnected (${reason})`),
    { notify: false }
  )
}

/** Settles a delivery on an answer that posted nothing. */
export async function settleFailure(
  attempt: Attempt,
  outcome: Failed | Unauthorized | RateLimited
): Promise<boolean> {
  const { delivery } = attempt
  const config = publishingConfig()
  switch (outcome.status) {
    case 'unauthorized':
      await needsReconnection(attempt, outcome.reason)
      return true
    case 'rate_limited': {
      const waitMs = outcome.retryAfter * config.msPerNetworkSecond
      if (attempt.mode === 'check')
        return markPending(attempt, delivery.pendingHandle!, outcome.retryAfter)
      const free = delivery.rateLimitWaits < config.freeRateLimitWaits
      if (!free && delivery.attempts >= config.maxAttempts)
        return markFailed(
          attempt,
          problemOf(
            outcome,
            `Still rate limited after ${delivery.attempts} attempts: ${outcome.reason}`
          )
        )
      const atMs = DateTime.utc().toMillis() + waitMs
      return requeue(attempt, {
        problem: problemOf(outcome),
        atMs,
        refundAttempt: free,
        suffix: `wait${delivery.rateLimitWaits + 1}a${delivery.attempts}`,
      })
    }
    case 'error':
      if (!outcome.retryable) return markFailed(attempt, problemOf(outcome))
      if (attempt.mode === 'check') {
        return markPending(
          attempt,
          delivery.pendingHandle!,
          backoffMs(delivery.statusChecks) / config.msPerNetworkSecond
        )
      }
      if (delivery.attempts >= config.maxAttempts)
        return markFailed(
          attempt,
          problemOf(outcome, `Gave up after ${delivery.attempts} attempts: ${outcome.reason}`)
        )
      return requeue(attempt, {
        problem: problemOf(outcome),
        atMs: Date.now() + backoffMs(delivery.attempts),
        refundAttempt: false,
        suffix: `retry${delivery.attempts}`,
      })
  }
}

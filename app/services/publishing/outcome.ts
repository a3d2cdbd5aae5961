import { DateTime } from 'luxon'
import {
  capabilitiesOf,
  reconcileLevel,
  type Failed,
  type PublishContext,
  type PublishOutcome,
  type Published,
  type Unauthorized,
} from '#sdk'
import SocialAccount from '#models/social_account'
import { notifyNeedsReconnection } from '#services/publishing/notify'
import type { AccountSession } from '#services/publishing/account_session'
import {
  markFailed,
  markPending,
  markUnknown,
  requeue,
  type Run,
} from '#services/publishing/transitions'
import { affectedRows, publishingConfig, shortReason } from '#services/publishing/settings'
import db from '@adonisjs/lucid/services/db'
import { problem, problemOf } from '#services/publishing/problems'
import { settleAmbiguous } from '#services/publishing/ambiguity'
import { mainPostPublished } from '#services/publishing/chain'

export type Outcome = PublishOutcome<Published> | Failed | Unauthorized

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
async function needsReconnection(attempt: Attempt, reason: string) {
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

/** The main post's unanswered publish, settled by the rule every step follows (ambiguity.ts). */
function resolveAmbiguous(attempt: Attempt, reason: string) {
  const { plugin } = attempt.session
  const caps = capabilitiesOf(plugin, attempt.session.account.toPluginProfile())
  return settleAmbiguous(
    {
      caps,
      level: reconcileLevel(caps, plugin),
      networkName: plugin.displayName,
      subject: 'the post',
      lookup: () =>
        attempt.session.call((ctx) =>
          plugin.findByIdempotencyKey!({ ...attempt.publishContext(), ...ctx })
        ),
      republish: async () => {
        const again = await attempt.session.call((ctx) =>
          plugin.publish({ ...attempt.publishContext(), ...ctx })
        )
        return applyOutcome(attempt, again, { afterAmbiguous: true })
      },
      found: (published) => mainPostPublished(attempt, published),
      unknown: (why) => markUnknown(attempt, problem('ambiguous', why)),
    },
    reason
  )
}

export async function applyOutcome(
  attempt: Attempt,
  outcome: Outcome,
  options: { afterAmbiguous?: boolean } = {}
): Promise<boolean> {
  const { delivery } = attempt
  const config = publishingConfig()
  switch (outcome.status) {
    case 'ok':
      return mainPostPublished(attempt, outcome.value)
    case 'pending':
      if (attempt.mode === 'check' && delivery.statusChecks >= config.maxStatusChecks) {
        return markUnknown(
          attempt,
          problem(
            'pending',
            `The network was still processing the post after ${delivery.statusChecks} checks`
          )
        )
      }
      return markPending(attempt, outcome.handle, outcome.checkAfter)
    case 'unauthorized':
      await needsReconnection(attempt, outcome.reason)
      return true
    case 'ambiguous':
      if (options.afterAmbiguous)
        return markUnknown(
          attempt,
          problemOf(
            outcome,
            `No answer from the network twice (${outcome.reason}); check whether the post appeared`
          )
        )
      return resolveAmbiguous(attempt, outcome.reason)
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

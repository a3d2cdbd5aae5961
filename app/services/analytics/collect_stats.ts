import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import redis from '@adonisjs/redis/services/main'
import logger from '@adonisjs/core/services/logger'
import { collectAccount, type AccountOutcome } from '#services/analytics/collect_account'
import { deferredUntil } from '#services/analytics/account_deferral'
import { dueWork } from '#services/analytics/due_work'
import { analyticsConfig, statsKey } from '#services/analytics/settings'

export interface CollectionReport {
  /** False when another run held the lock: this one did nothing. */
  ran: boolean
  accounts: Record<number, AccountOutcome>
  snapshots: number
}

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`

/**
 * One collection run: every account with something due, one after the other. An account
 * that fails, is rate limited or throws is reported and left for a later run; the others
 * go on. `now` is the run's clock (tests move it); one run at a time across workers.
 */
export async function collectStats(options: { now?: DateTime } = {}): Promise<CollectionReport> {
  const now = options.now ?? DateTime.utc()
  const lock = statsKey('collect:lock')
  const owner = randomUUID()
  const report: CollectionReport = { ran: false, accounts: {}, snapshots: 0 }
  const ttl = Math.max(60_000, analyticsConfig().runEveryMs * 2)
  if ((await redis.set(lock, owner, 'PX', ttl, 'NX')) !== 'OK') return report
  report.ran = true
  try {
    for (const work of await dueWork(now)) {
      const until = await deferredUntil(work.accountId, now)
      if (until) {
        report.accounts[work.accountId] = { status: 'deferred', until }
        continue
      }
      let outcome: AccountOutcome
      try {
        outcome = await collectAccount(work, now)
      } catch (error) {
        outcome = { status: 'failed', reason: (error as Error).message }
      }
      if (outcome.status === 'collected') report.snapshots += outcome.snapshots
      if (outcome.status === 'failed')
        logger.warn(
          { accountId: work.accountId, reason: outcome.reason },
          'metrics collection failed'
        )
      report.accounts[work.accountId] = outcome
    }
  } finally {
    await redis.eval(RELEASE, 1, lock, owner)
  }
  return report
}

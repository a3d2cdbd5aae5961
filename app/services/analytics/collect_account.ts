import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { hasStats, type Failure, type PostMetrics } from '#sdk'
import SocialAccount from '#models/social_account'
import { POST_METRIC_NAMES } from '#models/delivery_metric_snapshot'
import plugins from '#services/plugins'
import { AccountSession } from '#services/publishing/account_session'
import { notifyNeedsReconnection } from '#services/publishing/notify'
import { affectedRows, shortReason, sqlTime } from '#services/publishing/settings'
import { deferAccount } from '#services/analytics/account_deferral'
import { analyticsConfig, nextDueAt } from '#services/analytics/settings'
import type { AccountWork, DueDelivery } from '#services/analytics/due_work'
import { collectThreadParts } from '#services/analytics/collect_parts'

export type AccountOutcome =
  | { status: 'collected'; deliveries: number; snapshots: number; followers: boolean }
  | { status: 'skipped'; reason: string }
  | { status: 'deferred'; until: number }
  | { status: 'failed'; reason: string }
  | { status: 'needs_reconnection'; reason: string }

/** Same rule as the publishing pipeline: flip once, and only the process that flips tells the managers. */
async function needsReconnection(account: SocialAccount, reason: string) {
  const flipped = affectedRows(
    await db
      .from('social_accounts')
      .where('id', account.id)
      .where('status', 'connected')
      .update({ status: 'needs_reconnection', last_error: shortReason(reason) })
  )
  if (flipped === 1) await notifyNeedsReconnection(await SocialAccount.findOrFail(account.id))
}

/**
 * When to read a delivery again. A post the network no longer returns was deleted there,
 * unless the AppView has not indexed it yet: the first miss asks again at the next run, a
 * second one in a row marks it gone (shown as deleted, never polled again).
 */
function nextReading(delivery: DueDelivery, found: boolean, now: DateTime) {
  if (!found && delivery.missing)
    return { metrics_gone_at: sqlTime(now), metrics_due_at: sqlTime(now) }
  if (!found) return { metrics_missing_since: sqlTime(now), metrics_due_at: sqlTime(now) }
  const due = nextDueAt(delivery.publishedAt, now)
  return { metrics_missing_since: null, metrics_due_at: due ? sqlTime(due) : sqlTime(now) }
}

/** One snapshot per delivery the network answered for; every delivery asked gets its next due time. */
async function store(
  batch: DueDelivery[],
  accountId: number,
  figures: Record<string, PostMetrics>,
  now: DateTime
) {
  const rows = batch
    .filter((delivery) => figures[delivery.externalId])
    .map((delivery) => {
      const metrics = figures[delivery.externalId]
      return {
        delivery_id: delivery.id,
        workspace_id: delivery.workspaceId,
        social_account_id: accountId,
        network: delivery.network,
        collected_at: sqlTime(now),
        ...Object.fromEntries(POST_METRIC_NAMES.map((name) => [name, metrics[name] ?? null])),
      }
    })
  await db.transaction(async (trx) => {
    if (rows.length) await trx.table('delivery_metric_snapshots').multiInsert(rows)
    for (const delivery of batch) {
      await trx
        .from('deliveries')
        .where('id', delivery.id)
        .update({
          metrics_collected_at: sqlTime(now),
          ...nextReading(delivery, Boolean(figures[delivery.externalId]), now),
        })
    }
  })
  return rows.length
}

/**
 * Collects what is due for one account: its posts' metrics in batches, then its followers
 * when due. The account's token comes from the pipeline's AccountSession (refresh before
 * expiry, once more after `unauthorized`, under the per-account lock). The first failure
 * ends this account's run; snapshots already stored stay.
 */
export async function collectAccount(work: AccountWork, now: DateTime): Promise<AccountOutcome> {
  const account = await SocialAccount.find(work.accountId)
  if (!account || account.status !== 'connected')
    return { status: 'skipped', reason: 'account not connected' }
  if (!(await plugins.has(account.network)))
    return { status: 'skipped', reason: `${account.network} is not available` }
  const plugin = await plugins.get(account.network)
  const session = new AccountSession(account, plugin, plugins.contextFor(plugin))
  const fetchStats = plugin.fetchStats
  // A network without statistics is left out of the due work; one switched to `stats: false`
  // while posts were due gets nothing asked either.
  if (!hasStats(plugin.capabilities) || !fetchStats)
    return { status: 'skipped', reason: `${account.network} gives no statistics` }

  const failure = async (result: Failure): Promise<AccountOutcome> => {
    if (result.status === 'rate_limited')
      return { status: 'deferred', until: await deferAccount(account.id, now, result.retryAfter) }
    if (result.status === 'unauthorized') {
      await needsReconnection(account, result.reason)
      return { status: 'needs_reconnection', reason: result.reason }
    }
    return { status: 'failed', reason: result.reason }
  }

  const opened = await session.open()
  if (opened !== 'ready') return failure(opened)

  let snapshots = 0
  const { batchSize } = analyticsConfig()
  for (let start = 0; start < work.deliveries.length; start += batchSize) {
    const batch = work.deliveries.slice(start, start + batchSize)
    const result = await session.call((ctx) =>
      fetchStats.call(
        plugin,
        ctx,
        batch.map((delivery) => delivery.externalId)
      )
    )
    if (result.status !== 'ok') return failure(result)
    snapshots += await store(batch, account.id, result.value, now)
    // The replies of the threads among them, on the same schedule (the thread's total).
    const found = batch.filter((delivery) => result.value[delivery.externalId])
    const parts = await collectThreadParts({ plugin, session, deliveries: found, now })
    if (parts.status !== 'ok') return failure(parts)
  }

  let followers = false
  if (work.followers && plugin.fetchAccountStats) {
    const result = await session.call((ctx) => plugin.fetchAccountStats!(ctx))
    if (result.status !== 'ok') return failure(result)
    await db.table('account_metric_snapshots').insert({
      social_account_id: account.id,
      workspace_id: account.workspaceId,
      collected_at: sqlTime(now),
      followers: result.value.followers,
      following: result.value.following,
      posts: result.value.posts,
    })
    followers = true
  }
  return { status: 'collected', deliveries: work.deliveries.length, snapshots, followers }
}

import { type DateTime } from 'luxon'
import { hasStats } from '#sdk'
import plugins from '#services/plugins'
import db from '@adonisjs/lucid/services/db'
import { isProcessingRestricted } from '#services/privacy/restriction'
import { analyticsConfig, fromSql, maxCollectionAgeMs } from '#services/analytics/settings'
import { sqlTime } from '#services/publishing/settings'

export interface DueDelivery {
  id: number
  externalId: string
  workspaceId: number
  network: string
  publishedAt: DateTime
}

/** A due delivery as read from the database (SQLite gives times as text, PostgreSQL as Date). */
interface DueDeliveryRow {
  id: number
  external_id: string
  workspace_id: number
  social_account_id: number
  network: string
  published_at: string | Date
  author_id: number | null
}

/** What one run has to do for one account: posts whose metrics are due, and whether followers are. */
export interface AccountWork {
  accountId: number
  deliveries: DueDelivery[]
  followers: boolean
}

/**
 * Networks that declare `stats: false`: nothing is ever collected for them (no empty rows
 * every step of the schedule for 30 days).
 */
export async function networksWithoutStats() {
  return (await plugins.enabled())
    .filter((plugin) => !hasStats(plugin.capabilities))
    .map((plugin) => plugin.id)
}

/**
 * Published deliveries of connected accounts, younger than the schedule's last step, never
 * collected or due again — minus the content of authors who restricted processing and the
 * networks without statistics.
 */
async function dueDeliveries(now: DateTime, without: string[]) {
  const rows: DueDeliveryRow[] = await db
    .from('deliveries')
    .whereNotIn('deliveries.network', without)
    .join('social_accounts', 'social_accounts.id', 'deliveries.social_account_id')
    .join('posts', 'posts.id', 'deliveries.post_id')
    .where('deliveries.status', 'published')
    .whereNotNull('deliveries.external_id')
    .where('social_accounts.status', 'connected')
    .where(
      'deliveries.published_at',
      '>',
      sqlTime(now.minus({ milliseconds: maxCollectionAgeMs() }))
    )
    .where('deliveries.published_at', '<=', sqlTime(now))
    .where((due) =>
      due
        .whereNull('deliveries.metrics_due_at')
        .orWhere('deliveries.metrics_due_at', '<=', sqlTime(now))
    )
    .select(
      'deliveries.id',
      'deliveries.external_id',
      'deliveries.workspace_id',
      'deliveries.social_account_id',
      'deliveries.network',
      'deliveries.published_at',
      'posts.author_id'
    )
    .orderByRaw('coalesce(deliveries.metrics_due_at, deliveries.published_at)')
    .limit(analyticsConfig().maxDeliveriesPerRun)

  const restricted = new Map<number, boolean>()
  const authors = rows.map((row) => row.author_id).filter((id): id is number => id !== null)
  for (const authorId of new Set(authors)) {
    restricted.set(authorId, await isProcessingRestricted(authorId))
  }
  return rows.filter((row) => !row.author_id || !restricted.get(row.author_id))
}

/** Connected accounts whose audience figures were never read, or not for `accountEveryMs`. */
async function accountsDueForFollowers(now: DateTime, without: string[]): Promise<number[]> {
  const since = sqlTime(now.minus({ milliseconds: analyticsConfig().accountEveryMs }))
  const rows: { id: number }[] = await db
    .from('social_accounts')
    .where('status', 'connected')
    .whereNotIn('network', without)
    .whereNotExists((recent) =>
      recent
        .from('account_metric_snapshots')
        .whereColumn('account_metric_snapshots.social_account_id', 'social_accounts.id')
        .where('account_metric_snapshots.collected_at', '>', since)
    )
    .select('id')
  return rows.map((row) => row.id)
}

/** Everything due at `now`, one entry per account. */
export async function dueWork(now: DateTime): Promise<AccountWork[]> {
  const work = new Map<number, AccountWork>()
  const entry = (accountId: number) => {
    let found = work.get(accountId)
    if (!found) work.set(accountId, (found = { accountId, deliveries: [], followers: false }))
    return found
  }
  const without = await networksWithoutStats()
  for (const row of await dueDeliveries(now, without)) {
    entry(row.social_account_id).deliveries.push({
      id: row.id,
      externalId: row.external_id,
      workspaceId: row.workspace_id,
      network: row.network,
      publishedAt: fromSql(row.published_at)!,
    })
  }
  for (const accountId of await accountsDueForFollowers(now, without))
    entry(accountId).followers = true
  return [...work.values()]
}

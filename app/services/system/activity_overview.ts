import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import app from '@adonisjs/core/services/app'
import type { QueueConfig } from '#queue/types'
import { readLiveWorkers } from '#queue/worker_heartbeat'
import { allSlotLeases } from '#services/publishing/network_slots'
import { sqlTime } from '#services/publishing/settings'
import { maskReason } from '#services/system/mask_job_data'

/**
 * The non-queue parts of the System page: who works (heartbeats), what they hold (publish
 * slots), what networks hold back (rate limits) and what waits for a person (unknown
 * deliveries). Reads the structures the pipeline already keeps; nothing is scanned.
 */
const queueConfig = () => app.config.get<QueueConfig>('queue')

export async function liveWorkers() {
  const config = queueConfig()
  const workers = await readLiveWorkers(
    redis.connection(),
    config.prefix,
    config.heartbeat.ttlSeconds * 1000
  )
  return workers.map((worker) => ({
    id: worker.id,
    host: worker.host,
    pid: worker.pid,
    version: worker.version ?? null,
    queues: worker.queues,
    running: worker.running ?? null,
    startedAt: worker.startedAt,
    lastHeartbeatAt: worker.lastHeartbeatAt,
  }))
}

/** Publish slots held now, with the account's handle and workspace (the holder is a process). */
export async function heldSlots() {
  const leases = await allSlotLeases()
  const accountIds = leases
    .filter((lease) => lease.scope === 'account')
    .map((lease) => Number(lease.id))
    .filter((id) => Number.isInteger(id) && id > 0)
  const accounts = accountIds.length
    ? await db
        .from('social_accounts')
        .join('workspaces', 'workspaces.id', 'social_accounts.workspace_id')
        .whereIn('social_accounts.id', accountIds)
        .select('social_accounts.id', 'social_accounts.handle', 'social_accounts.network')
        .select('workspaces.name as workspace_name')
    : []
  const byId = new Map(accounts.map((row) => [String(row.id), row]))
  return leases.map((lease) => {
    const account = lease.scope === 'account' ? byId.get(lease.id) : undefined
    return {
      scope: lease.scope,
      network: lease.scope === 'network' ? lease.id : (account?.network ?? null),
      account: account ? { handle: account.handle, workspace: account.workspace_name } : null,
      holders: lease.holders.map((held) => ({
        // `host:pid:boot:nonce/what`: the process is what an operator looks for.
        process: held.holder.split('/')[0],
        until: held.until,
      })),
    }
  })
}

/**
 * Networks holding publishes back: deliveries re-queued after a `rate_limited` answer whose
 * next try is still ahead, per network, with the latest of those instants.
 */
export async function rateLimitedNetworks() {
  const rows = await db
    .from('deliveries')
    .where('last_error_kind', 'rate_limited')
    .whereIn('status', ['queued', 'scheduled'])
    .where('due_at', '>', sqlTime(DateTime.utc()))
    .groupBy('network')
    .select('network')
    .count('* as waiting')
    .max('due_at as until')
    .orderBy('network')
  return rows.map((row) => ({
    network: String(row.network),
    waiting: Number(row.waiting),
    until: row.until ? toIso(row.until) : null,
  }))
}

const UNKNOWN_SHOWN = 50

/** Deliveries whose outcome nobody knows, across workspaces (oldest first: they wait longest). */
export async function unknownDeliveries() {
  const rows = await db
    .from('deliveries')
    .join('workspaces', 'workspaces.id', 'deliveries.workspace_id')
    .leftJoin('social_accounts', 'social_accounts.id', 'deliveries.social_account_id')
    .where('deliveries.status', 'unknown')
    .orderBy('deliveries.updated_at', 'asc')
    .limit(UNKNOWN_SHOWN)
    .select(
      'deliveries.id',
      'deliveries.post_id',
      'deliveries.network',
      'deliveries.last_error',
      'deliveries.updated_at',
      'workspaces.name as workspace_name',
      'workspaces.slug as workspace_slug',
      'social_accounts.handle'
    )
  return rows.map((row) => ({
    id: Number(row.id),
    postId: Number(row.post_id),
    network: String(row.network),
    handle: row.handle ?? null,
    workspace: { name: String(row.workspace_name), slug: String(row.workspace_slug) },
    reason: maskReason(row.last_error),
    since: row.updated_at ? toIso(row.updated_at) : null,
  }))
}

/** SQLite hands timestamps back as text (UTC), PostgreSQL as Date. */
function toIso(value: string | Date) {
  if (value instanceof Date) return value.toISOString()
  const parsed = DateTime.fromSQL(value, { zone: 'utc' })
  return parsed.isValid ? parsed.toISO()! : DateTime.fromISO(value, { zone: 'utc' }).toISO()
}

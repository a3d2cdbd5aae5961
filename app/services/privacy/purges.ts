import { rm } from 'node:fs/promises'
import { type DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { exportFilePath } from '#services/privacy/exports'

/**
 * The privacy purges the daily `purge` job and `data:purge` run (through
 * runPurges in app/services/retention.ts). Each takes the clock as `now` so tests can
 * move it, and with `dryRun` only counts what it would remove.
 */
export interface PurgeOptions {
  now: DateTime
  dryRun?: boolean
}

const sqlTime = (now: DateTime) => now.toFormat(db.connection().dialect.dateTimeFormat)

function affected(result: unknown) {
  return Number(Array.isArray(result) ? result[0] : result) || 0
}

async function tableNames() {
  const connection = db.connection()
  return connection.getAllTables(connection.dialect.name === 'postgres' ? ['public'] : undefined)
}

/**
 * Disconnected accounts whose 30 days are over: the cached profile (handle, name,
 * avatar, profile URL, network metadata, the network's account id) is blanked and the
 * account's metrics are deleted. The row itself stays, anonymous, so the record of what
 * was published through it keeps its shape.
 */
export async function purgeDisconnectedAccounts({ now, dryRun }: PurgeOptions) {
  const due = db
    .from('social_accounts')
    .where('status', 'disconnected')
    .whereNotNull('purge_after')
    .where('purge_after', '<=', sqlTime(now))
  const ids: number[] = (await due.clone().select('id')).map((row) => row.id)
  let metrics = 0
  for (const table of (await tableNames()).filter((name) => /metric/.test(name))) {
    if (!ids.length) break
    if (!('social_account_id' in (await db.connection().columnsInfo(table)))) continue
    const rows = db.from(table).whereIn('social_account_id', ids)
    metrics += dryRun ? await count(rows) : affected(await rows.delete())
  }
  if (!dryRun) {
    for (const id of ids) {
      await db
        .from('social_accounts')
        .where('id', id)
        .update({
          handle: '',
          display_name: '',
          avatar_url: null,
          profile_url: null,
          meta: null,
          external_id: `purged-${id}`,
          token_ciphertext: null,
          token_expires_at: null,
          last_error: null,
          purge_after: null,
        })
    }
  }
  return { disconnectedAccounts: ids.length, accountMetrics: metrics }
}

/** Exports past their expiry (ready, failed or stuck): the ZIP and the row. */
export async function purgeExpiredExports({ now, dryRun }: PurgeOptions) {
  const rows = await db
    .from('data_exports')
    .where('expires_at', '<', sqlTime(now))
    .select('id', 'file_key')
  if (!dryRun) await removeExports(rows)
  return { expiredExports: rows.length }
}

/**
 * What deleted users left behind (their row is gone, see delete_account, which records
 * them in `user_deletions`): access-log entries and exports are deleted; audit entries,
 * which must stay for their own retention period, lose the actor and the IP address.
 * The `user_deletions` row goes last, so an interrupted run is simply done again.
 */
export async function purgeDeletedUsers({ dryRun }: PurgeOptions) {
  const report = {
    deletedUsers: 0,
    deletedUserAccessLogs: 0,
    deletedUserAuditEntries: 0,
    deletedUserExports: 0,
  }
  for (const { user_id: userId } of await db
    .from('user_deletions')
    .select('user_id')
    .orderBy('id')) {
    report.deletedUsers++
    const accessLogs = db.from('access_logs').where('user_id', userId)
    const auditLogs = db.from('audit_logs').where('actor_id', userId)
    const exports = await db.from('data_exports').where('user_id', userId).select('id', 'file_key')
    report.deletedUserExports += exports.length
    if (dryRun) {
      report.deletedUserAccessLogs += await count(accessLogs)
      report.deletedUserAuditEntries += await count(auditLogs)
      continue
    }
    report.deletedUserAccessLogs += affected(await accessLogs.delete())
    report.deletedUserAuditEntries += affected(await auditLogs.update({ actor_id: null, ip: null }))
    await removeExports(exports)
    await db.from('user_deletions').where('user_id', userId).delete()
  }
  return report
}

/**
 * Sign-ups nobody confirmed within `days`: the row holds a name, an address and a password
 * hash for an account that does not exist, so it goes. (A new sign-up also sweeps expired
 * rows, but an install where nobody signs up again would keep them for ever.)
 */
export async function purgePendingSignups({ now, dryRun }: PurgeOptions, days: number) {
  const pending = db
    .from('account_confirmations')
    .where('purpose', 'signup')
    .whereNull('used_at')
    .where('created_at', '<', sqlTime(now.minus({ days })))
  return { pendingSignups: dryRun ? await count(pending) : affected(await pending.delete()) }
}

async function removeExports(rows: { id: number; file_key: string | null }[]) {
  for (const row of rows) {
    if (row.file_key) await rm(exportFilePath(row.file_key), { force: true })
    await db.from('data_exports').where('id', row.id).delete()
  }
}

async function count(query: ReturnType<typeof db.from>) {
  const row = await query.clone().clearSelect().count('* as total').first()
  return Number(row?.total ?? 0)
}

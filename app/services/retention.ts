import { DateTime } from 'luxon'
import AccessLog from '#models/access_log'
import AuditLog from '#models/audit_log'
import {
  purgeDeletedUsers,
  purgeDisconnectedAccounts,
  purgeExpiredExports,
  purgePendingSignups,
} from '#services/privacy/purges'

export interface RetentionPolicy {
  accessLogDays: number
  auditLogDays: number
  /** Unconfirmed sign-ups are kept this long (their link itself expires after 24 h). */
  pendingSignupDays: number
}

export interface PurgeReport {
  accessLogs: number
  auditLogs: number
  accessLogsBefore: string
  auditLogsBefore: string
}

/** Deletes access and audit log rows older than their retention period; returns how many went. */
export async function purgeExpiredLogs(
  policy: RetentionPolicy,
  now: DateTime = DateTime.now(),
  dryRun = false
): Promise<PurgeReport> {
  const accessCutoff = now.minus({ days: policy.accessLogDays })
  const auditCutoff = now.minus({ days: policy.auditLogDays })
  // One indexed range delete per table (both have an index on created_at). The cutoff is
  // formatted as Lucid formats created_at on insert, so SQLite compares like with like.
  const format = AccessLog.query().client.dialect.dateTimeFormat
  const access = AccessLog.query().where('created_at', '<', accessCutoff.toFormat(format))
  const audits = AuditLog.query().where('created_at', '<', auditCutoff.toFormat(format))
  const accessLogs = dryRun ? await countOf(access) : await deletedCount(access.delete())
  const auditLogs = dryRun ? await countOf(audits) : await deletedCount(audits.delete())
  return {
    accessLogs,
    auditLogs,
    accessLogsBefore: accessCutoff.toISO()!,
    auditLogsBefore: auditCutoff.toISO()!,
  }
}

export interface FullPurgeReport extends PurgeReport {
  dryRun: boolean
  /** Disconnected accounts past their 30 days whose cached profile was blanked. */
  disconnectedAccounts: number
  accountMetrics: number
  expiredExports: number
  /** Deleted users whose leftovers this run removed. */
  deletedUsers: number
  deletedUserAccessLogs: number
  deletedUserAuditEntries: number
  deletedUserExports: number
  pendingSignups: number
}

/**
 * Every purge the privacy policy promises, in one run: the daily `purge` job and
 * `node ace data:purge` both call this. `now` is the clock (tests move it); `dryRun`
 * counts without removing anything.
 */
export async function runPurges(
  policy: RetentionPolicy,
  options: { now?: DateTime; dryRun?: boolean } = {}
): Promise<FullPurgeReport> {
  const now = options.now ?? DateTime.now()
  const dryRun = options.dryRun ?? false
  const report: FullPurgeReport = {
    dryRun,
    ...(await purgeDeletedUsers({ now, dryRun })),
    ...(await purgeDisconnectedAccounts({ now, dryRun })),
    ...(await purgeExpiredExports({ now, dryRun })),
    ...(await purgePendingSignups({ now, dryRun }, policy.pendingSignupDays)),
    ...(await purgeExpiredLogs(policy, now, dryRun)),
  }
  return report
}

/** Knex resolves a delete with the affected row count, wrapped in an array by Lucid's model query. */
async function deletedCount(query: Promise<unknown>) {
  const result = await query
  return Number(Array.isArray(result) ? result[0] : result) || 0
}

async function countOf(
  query: ReturnType<typeof AccessLog.query> | ReturnType<typeof AuditLog.query>
) {
  const rows = await query.clone().count('* as total').pojo<{ total: number | string }>()
  return Number(rows[0]?.total ?? 0)
}

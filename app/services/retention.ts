import { DateTime } from 'luxon'
import AccessLog from '#models/access_log'
import AuditLog from '#models/audit_log'

export interface RetentionPolicy {
  accessLogDays: number
  auditLogDays: number
}

export interface PurgeReport {
  accessLogs: number
  auditLogs: number
  accessLogsBefore: string
  auditLogsBefore: string
}

/** Deletes access and audit log rows older than their retention period; returns how many went. */
export async function purgeExpiredLogs(policy: RetentionPolicy, now = DateTime.now()): Promise<PurgeReport> {
  const accessCutoff = now.minus({ days: policy.accessLogDays })
  const auditCutoff = now.minus({ days: policy.auditLogDays })
  // One indexed range delete per table (both have an index on created_at). The cutoff is
  // formatted as Lucid formats created_at on insert, so SQLite compares like with like.
  const format = AccessLog.query().client.dialect.dateTimeFormat
  const accessLogs = await deletedCount(AccessLog.query().where('created_at', '<', accessCutoff.toFormat(format)).delete())
  const auditLogs = await deletedCount(AuditLog.query().where('created_at', '<', auditCutoff.toFormat(format)).delete())
  return {
    accessLogs,
    auditLogs,
    accessLogsBefore: accessCutoff.toISO()!,
    auditLogsBefore: auditCutoff.toISO()!,
  }
}

/** Knex resolves a delete with the affected row count, wrapped in an array by Lucid's model query. */
async function deletedCount(query: Promise<unknown>) {
  const result = await query
  return Number(Array.isArray(result) ? result[0] : result) || 0
}

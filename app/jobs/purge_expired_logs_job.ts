import env from '#start/env'
import { BaseJob, type JobContext } from '#queue/base_job'
import { purgeExpiredLogs } from '#services/retention'

/** Daily (see app/jobs/main.ts): drops access and audit log rows past their retention period. */
export default class PurgeExpiredLogsJob extends BaseJob<Record<string, never>> {
  static queue = 'purge' as const
  static jobName = 'purge_expired_logs'

  async handle(_payload: Record<string, never>, { logger }: JobContext) {
    const report = await purgeExpiredLogs({
      accessLogDays: env.get('ACCESS_LOG_RETENTION_DAYS', 90),
      auditLogDays: env.get('AUDIT_LOG_RETENTION_DAYS', 365),
    })
    logger.info(report, 'purged expired logs')
    return report
  }
}

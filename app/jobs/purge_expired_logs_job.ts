import env from '#start/env'
import { BaseJob, type JobContext } from '#queue/base_job'
import { PURGE_EXPIRED_LOGS } from '#queue/job_specs'
import { runPurges } from '#services/retention'

/**
 * Daily (see app/jobs/main.ts): every purge of the privacy policy — deleted users'
 * leftovers, disconnected accounts past 30 days, expired exports, unconfirmed sign-ups, access and
 * audit log rows past their retention. The job keeps its first name (`purge_expired_logs`) because
 * installed workers have a scheduler upserted under it in Redis.
 */
export default class PurgeExpiredLogsJob extends BaseJob<Record<string, never>> {
  static queue = PURGE_EXPIRED_LOGS.queue
  static jobName = PURGE_EXPIRED_LOGS.jobName

  async handle(_payload: Record<string, never>, { logger }: JobContext) {
    const report = await runPurges(retentionPolicy())
    logger.info(report, 'purged expired logs')
    return report
  }
}

export function retentionPolicy() {
  return {
    accessLogDays: env.get('ACCESS_LOG_RETENTION_DAYS', 90),
    auditLogDays: env.get('AUDIT_LOG_RETENTION_DAYS', 365),
    pendingSignupDays: env.get('PENDING_SIGNUP_RETENTION_DAYS', 7),
  }
}

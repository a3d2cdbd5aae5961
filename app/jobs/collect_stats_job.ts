import { BaseJob, type JobContext } from '#queue/base_job'
import { COLLECT_STATS } from '#queue/job_specs'
import { collectStats } from '#services/analytics/collect_stats'

/**
 * Repeatable (app/jobs/main.ts): reads the metrics of recent posts and the followers of
 * connected accounts, as the schedule in config/analytics.ts says they are due.
 */
export default class CollectStatsJob extends BaseJob<Record<string, never>> {
  static queue = COLLECT_STATS.queue
  static jobName = COLLECT_STATS.jobName

  async handle(_payload: Record<string, never>, { logger }: JobContext) {
    const report = await collectStats()
    const accounts = Object.values(report.accounts)
    if (accounts.length) {
      const count = (status: string) =>
        accounts.filter((outcome) => outcome.status === status).length
      logger.info(
        {
          snapshots: report.snapshots,
          collected: count('collected'),
          deferred: count('deferred'),
          failed: count('failed'),
        },
        'collected metrics'
      )
    }
    return { ran: report.ran, snapshots: report.snapshots }
  }
}

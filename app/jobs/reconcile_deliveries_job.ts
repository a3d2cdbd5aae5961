import { BaseJob, type JobContext } from '#queue/base_job'
import { RECONCILE_DELIVERIES } from '#queue/job_specs'
import { reconcileDeliveries } from '#services/publishing/reconcile'
import { workerIdentity } from '#services/publishing/settings'

/**
 * Repeatable (app/jobs/main.ts): re-enqueues due deliveries that lost their job and
 * resolves deliveries stuck in `publishing` past their lease.
 */
export default class ReconcileDeliveriesJob extends BaseJob<Record<string, never>> {
  static queue = RECONCILE_DELIVERIES.queue
  static jobName = RECONCILE_DELIVERIES.jobName

  async handle(_payload: Record<string, never>, { id, logger }: JobContext) {
    const report = await reconcileDeliveries(workerIdentity(id))
    if (report.requeued || report.resolved) logger.info(report, 'reconciled deliveries')
    return report
  }
}

import { BaseJob, type JobContext } from '#queue/base_job'
import { CHECK_DELIVERY_STATUS, type DeliveryCheck } from '#queue/job_specs'
import { checkDelivery } from '#services/publishing/check_status'
import { workerIdentity } from '#services/publishing/settings'

/**
 * Polls a publish the network reported as `pending`, or looks again for an unanswered one;
 * a stale or duplicate check does nothing.
 */
export default class CheckDeliveryStatusJob extends BaseJob<DeliveryCheck> {
  static queue = CHECK_DELIVERY_STATUS.queue
  static jobName = CHECK_DELIVERY_STATUS.jobName

  async handle(payload: DeliveryCheck, { id }: JobContext) {
    return checkDelivery(payload, workerIdentity(id))
  }
}

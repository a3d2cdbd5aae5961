import { BaseJob, type JobContext } from '#queue/base_job'
import { PUBLISH_DELIVERY, type DeliveryWake } from '#queue/job_specs'
import { runDelivery } from '#services/publishing/run_delivery'
import { workerIdentity } from '#services/publishing/settings'

/**
 * A wake-up call for one delivery (job id `delivery:<id>:<revision>[.<suffix>]`). The
 * database decides what happens: a stale, duplicate or early job does nothing.
 */
export default class PublishDeliveryJob extends BaseJob<DeliveryWake> {
  static queue = PUBLISH_DELIVERY.queue
  static jobName = PUBLISH_DELIVERY.jobName

  async handle(payload: DeliveryWake, { id, logger }: JobContext) {
    const result = await runDelivery(payload, workerIdentity(id))
    logger.debug({ ...payload, result }, 'delivery wake-up handled')
    return result
  }
}

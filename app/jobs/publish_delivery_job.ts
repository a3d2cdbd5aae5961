import { BaseJob, type JobContext } from '#queue/base_job'
import { runDelivery } from '#services/publishing/run_delivery'
import { workerIdentity } from '#services/publishing/settings'

export interface DeliveryWake {
  deliveryId: number
  revision: number
}

/**
 * A wake-up call for one delivery (job id `delivery:<id>:<revision>[.<suffix>]`). The
 * database decides what happens: a stale, duplicate or early job does nothing.
 */
export default class PublishDeliveryJob extends BaseJob<DeliveryWake> {
  static queue = 'publish' as const
  static jobName = 'publish_delivery'

  async handle(payload: DeliveryWake, { id, logger }: JobContext) {
    const result = await runDelivery(payload, workerIdentity(id))
    logger.debug({ ...payload, result }, 'delivery wake-up handled')
    return result
  }
}

import { BaseJob, type JobContext } from '#queue/base_job'
import { checkDelivery } from '#services/publishing/check_status'
import { workerIdentity } from '#services/publishing/settings'
import type { DeliveryWake } from '#jobs/publish_delivery_job'

/** Polls a publish the network reported as `pending`; a stale or duplicate check does nothing. */
export default class CheckDeliveryStatusJob extends BaseJob<DeliveryWake> {
  static queue = 'publish' as const
  static jobName = 'check_delivery_status'

  async handle(payload: DeliveryWake, { id }: JobContext) {
    return checkDelivery(payload, workerIdentity(id))
  }
}

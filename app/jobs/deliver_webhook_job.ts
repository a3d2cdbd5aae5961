import { BaseJob, type JobContext } from '#queue/base_job'
import { DELIVER_WEBHOOK } from '#queue/job_specs'
import queueConfig from '#config/queue'
import { attemptWebhookDelivery } from '#services/webhooks/deliver'

/**
 * Sends one logged webhook delivery. A failed attempt throws, so BullMQ retries it with
 * the `webhooks` queue's exponential backoff (config/queue.ts) until its attempts run out.
 */
export default class DeliverWebhookJob extends BaseJob<{ webhookDeliveryId: number }> {
  static queue = DELIVER_WEBHOOK.queue
  static jobName = DELIVER_WEBHOOK.jobName

  async handle({ webhookDeliveryId }: { webhookDeliveryId: number }, { attempt }: JobContext) {
    const options = queueConfig.queues.webhooks.defaultJobOptions
    const max = options.attempts ?? 1
    const backoff =
      typeof options.backoff === 'object' ? (options.backoff.delay ?? 0) : (options.backoff ?? 0)
    const outcome = await attemptWebhookDelivery(webhookDeliveryId, {
      number: attempt,
      max,
      nextDelayMs: backoff * 2 ** (attempt - 1),
    })
    if (outcome === 'retry')
      throw new Error(`webhook delivery ${webhookDeliveryId} failed (attempt ${attempt} of ${max})`)
    return outcome
  }
}

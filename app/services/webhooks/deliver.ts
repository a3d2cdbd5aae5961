import { DateTime } from 'luxon'
import Webhook from '#models/webhook'
import WebhookDelivery from '#models/webhook_delivery'
import { openWebhookSecret } from '#services/webhooks/secrets'
import { signPayload } from '#services/webhooks/signature'
import { postWebhook } from '#services/webhooks/send'

export type AttemptOutcome = 'delivered' | 'retry' | 'failed' | 'skipped'

/**
 * One attempt at a logged delivery: sign the stored payload with a fresh timestamp, POST
 * it, record what the receiver answered. `retry` tells the job to throw so BullMQ tries
 * again with exponential backoff; the last attempt's failure is final.
 */
export async function attemptWebhookDelivery(
  id: number,
  attempt: { number: number; max: number; nextDelayMs: number }
): Promise<AttemptOutcome> {
  const delivery = await WebhookDelivery.find(id)
  if (!delivery || delivery.status !== 'pending') return 'skipped'
  const webhook = await Webhook.find(delivery.webhookId)
  if (!webhook || !webhook.active) {
    await delivery
      .merge({
        status: 'failed',
        lastError: 'The webhook was disabled or deleted',
        nextAttemptAt: null,
      })
      .save()
    return 'failed'
  }
  const body = JSON.stringify(delivery.payload)
  const timestamp = Math.floor(Date.now() / 1000)
  const result = await postWebhook(webhook.url, body, {
    'X-Pistache-Event': delivery.event,
    'X-Pistache-Delivery': String(delivery.id),
    'X-Pistache-Timestamp': String(timestamp),
    'X-Pistache-Signature': signPayload(openWebhookSecret(webhook), timestamp, body),
  })
  delivery.attempts = delivery.attempts + 1
  delivery.responseStatus = result.status
  if (result.ok) {
    await delivery
      .merge({
        status: 'delivered',
        lastError: null,
        deliveredAt: DateTime.utc(),
        nextAttemptAt: null,
      })
      .save()
    return 'delivered'
  }
  const last = attempt.number >= attempt.max
  await delivery
    .merge({
      status: last ? 'failed' : 'pending',
      lastError: result.error.slice(0, 500),
      nextAttemptAt: last ? null : DateTime.utc().plus({ milliseconds: attempt.nextDelayMs }),
    })
    .save()
  return last ? 'failed' : 'retry'
}

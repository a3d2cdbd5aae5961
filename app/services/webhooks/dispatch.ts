import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import Webhook, { type WebhookEvent } from '#models/webhook'
import WebhookDelivery from '#models/webhook_delivery'
import queue from '#queue/main'
import { DELIVER_WEBHOOK } from '#queue/job_specs'
import { Batcher } from '#services/batcher'

/** The envelope every receiver gets (openapi.ts, `WebhookEvent`). */
export function envelope(workspaceId: number, event: WebhookEvent, data: Record<string, unknown>) {
  return { id: randomUUID(), type: event, createdAt: DateTime.utc().toISO()!, workspaceId, data }
}

/** Queues the first attempt of one logged delivery. */
export async function queueWebhookDelivery(delivery: WebhookDelivery) {
  await queue.dispatch(
    DELIVER_WEBHOOK,
    { webhookDeliveryId: delivery.id },
    { jobId: `webhook-delivery-${delivery.id}` }
  )
}

/** The workspace's active webhooks that subscribe to this event. */
export async function subscribedWebhooks(workspaceId: number, event: WebhookEvent) {
  const hooks = await activeWebhooks.run(workspaceId)
  return hooks.filter((hook) => hook.events.includes(event))
}

async function activeWebhooksOf(workspaceIds: number[]) {
  const hooks = await Webhook.query()
    .whereIn('workspace_id', [...new Set(workspaceIds)])
    .where('active', true)
  return workspaceIds.map((id) => hooks.filter((hook) => hook.workspaceId === id))
}

/**
 * Every delivery event of a burst asks this (one per published post): the lookups made at
 * the same moment are one query (batcher.ts), still read fresh each time.
 */
const activeWebhooks = new Batcher<number, Webhook[]>({
  many: activeWebhooksOf,
  single: async (id) => (await activeWebhooksOf([id]))[0],
})

/**
 * One event for every active webhook of the workspace subscribed to it: a log row each
 * (the source of truth, shown in Settings), then a queued job that sends it.
 */
export async function publishWebhookEvent(
  workspaceId: number,
  event: WebhookEvent,
  data: Record<string, unknown>,
  hooks?: Webhook[]
) {
  const subscribed = hooks ?? (await subscribedWebhooks(workspaceId, event))
  const created: WebhookDelivery[] = []
  for (const hook of subscribed) {
    const delivery = await WebhookDelivery.create({
      webhookId: hook.id,
      workspaceId,
      event,
      payload: envelope(workspaceId, event, data),
      status: 'pending',
      attempts: 0,
      responseStatus: null,
      lastError: null,
      nextAttemptAt: DateTime.utc(),
      deliveredAt: null,
    })
    await queueWebhookDelivery(delivery)
    created.push(delivery)
  }
  return created
}

/** Sends a logged delivery again, as a new log entry with the same payload (a new signature and timestamp). */
export async function resendWebhookDelivery(original: WebhookDelivery) {
  const copy = await WebhookDelivery.create({
    webhookId: original.webhookId,
    workspaceId: original.workspaceId,
    event: original.event,
    payload: original.payload,
    status: 'pending',
    attempts: 0,
    responseStatus: null,
    lastError: null,
    nextAttemptAt: DateTime.utc(),
    deliveredAt: null,
  })
  await queueWebhookDelivery(copy)
  return copy
}

import emitter from '@adonisjs/core/services/emitter'
import logger from '@adonisjs/core/services/logger'
import redis from '@adonisjs/redis/services/main'
import { appRedisKey } from '#services/redis_keys'
import SocialAccount from '#models/social_account'
import type { WebhookEvent } from '#models/webhook'
import type { DeliveryStatusChanged } from '#services/publishing/events'
import { publishWebhookEvent, subscribedWebhooks } from '#services/webhooks/dispatch'

const DELIVERY_EVENTS: Partial<Record<DeliveryStatusChanged['status'], WebhookEvent>> = {
  published: 'delivery.published',
  failed: 'delivery.failed',
  unknown: 'delivery.unknown',
}

/** True the first time a key is seen (Redis SET NX, kept 30 days): one event per fact, whatever the retries. */
async function firstTime(key: string) {
  return (
    (await redis.set(appRedisKey(`webhooks:once:${key}`), '1', 'EX', 30 * 24 * 3600, 'NX')) === 'OK'
  )
}

/**
 * The pipeline's status events (emitted in the worker) as webhook events. A failure whose
 * account was just flipped to needs_reconnection also announces the account, once per
 * connection (as the in-app notice does). Never throws: webhooks must not break publishing.
 */
export async function onDeliveryStatusChanged(event: DeliveryStatusChanged) {
  try {
    const type = DELIVERY_EVENTS[event.status]
    if (!type) return
    // Most workspaces have no webhook: then the publish path pays one query, not the Redis once-check too.
    const hooks = await subscribedWebhooks(event.workspaceId, type)
    // The event carries what the webhook needs: no read of the delivery on the publish path.
    if (
      hooks.length &&
      (await firstTime(`delivery:${event.deliveryId}:${event.revision}:${event.status}`))
    ) {
      const data = {
        deliveryId: event.deliveryId,
        postId: event.postId,
        accountId: event.socialAccountId,
        network: event.network,
        status: event.status,
        externalId: event.externalId,
        externalUrl: event.externalUrl,
        error: event.lastError,
        at: event.at,
      }
      await publishWebhookEvent(event.workspaceId, type, data, hooks)
    }
    if (event.status !== 'failed' || !event.socialAccountId) return
    const account = await SocialAccount.find(event.socialAccountId)
    if (account?.status !== 'needs_reconnection') return
    if (
      !(await firstTime(
        `account:${account.id}:needs_reconnection:${account.connectedAt.toMillis()}`
      ))
    )
      return
    await publishWebhookEvent(account.workspaceId, 'account.needs_reconnection', {
      accountId: account.id,
      network: account.network,
      handle: account.handle,
      reason: account.lastError,
    })
  } catch (error) {
    logger.error({ err: error, deliveryId: event.deliveryId }, 'webhook event not queued')
  }
}

emitter.on('delivery:status_changed', onDeliveryStatusChanged)

import type { QueueName } from '#queue/types'

/**
 * Where a job goes (its queue and name) and what it carries, without its handler. Code
 * that enqueues a job — services, actions — names it by this spec, never by the job
 * class: the class imports the service that does the work, and that service often
 * enqueues the next job, so importing the class would close an import cycle. The job
 * classes take their queue and name from here; the registry maps names back to classes.
 */
export interface JobSpec<Payload> {
  /** Tells a spec from a job class, so `dispatch` checks each against its own payload. */
  readonly kind: 'job_spec'
  readonly queue: QueueName
  readonly jobName: string
  /** Never set: carries the payload type for `queue.dispatch`. */
  readonly payload?: Payload
}

const spec = <Payload>(queue: QueueName, jobName: string): JobSpec<Payload> =>
  Object.freeze({ kind: 'job_spec' as const, queue, jobName })

/** A wake-up call for one delivery revision; a stale, duplicate or early one does nothing. */
export interface DeliveryWake {
  deliveryId: number
  revision: number
}

/** A publish wake-up may carry the exact instant it is for (it fires a little early). */
export const PUBLISH_DELIVERY = spec<DeliveryWake & { notBefore?: number }>(
  'publish',
  'publish_delivery'
)
/** `recheck`: the delayed second look at an unanswered publish, not a `checkStatus` poll. */
export type DeliveryCheck = DeliveryWake & { recheck?: boolean }
export const CHECK_DELIVERY_STATUS = spec<DeliveryCheck>('publish', 'check_delivery_status')
export const RECONCILE_DELIVERIES = spec<Record<string, never>>('publish', 'reconcile_deliveries')
export const PROCESS_MEDIA = spec<{ assetId: number }>('media', 'process_media')
export const MAKE_MEDIA_VARIANT = spec<{ variantId: number }>('media', 'make_media_variant')
export const COLLECT_STATS = spec<Record<string, never>>('stats', 'collect_stats')
export const DATA_EXPORT = spec<{ exportId: number }>('purge', 'data_export')
export const PURGE_EXPIRED_LOGS = spec<Record<string, never>>('purge', 'purge_expired_logs')
export const DELIVER_WEBHOOK = spec<{ webhookDeliveryId: number }>('webhooks', 'deliver_webhook')
/** Tells a review link's client, once for several, that posts were added to their link. */
export const SEND_CLIENT_DIGEST = spec<{ reviewLinkId: number }>('automation', 'send_client_digest')
export const POLL_FEEDS = spec<Record<string, never>>('automation', 'poll_feeds')
export const MATERIALIZE_SERIES = spec<Record<string, never>>('automation', 'materialize_series')
export const FILL_EVERGREEN = spec<Record<string, never>>('automation', 'fill_evergreen')

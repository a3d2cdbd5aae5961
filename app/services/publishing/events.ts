import emitter from '@adonisjs/core/services/emitter'
import type Delivery from '#models/delivery'
import type { DeliveryStatus } from '#models/delivery'
import type DeliveryPart from '#models/delivery_part'
import type { DeliveryPartStatus } from '#models/delivery_part'

/** What the dashboard needs to repaint one delivery; no secrets, no plugin handles. */
export interface DeliveryStatusChanged {
  deliveryId: number
  /** The delivery's revision when the status changed: one fact per (delivery, revision, status). */
  revision: number
  postId: number
  workspaceId: number
  socialAccountId: number | null
  network: string
  status: DeliveryStatus
  /** The network's public id of the post (not a secret: its URL carries it too). */
  externalId: string | null
  externalUrl: string | null
  lastError: string | null
  /** The problem's kind (a bounded list) when the delivery ended failed or unknown. */
  errorKind?: string | null
  /** The instant the delivery was due (epoch ms), for the lateness metric. */
  dueAtMs?: number | null
  at: string
}

/** One follow-up of a delivery moved (thread part, first comment): the post page repaints it. */
export interface DeliveryPartChanged {
  deliveryId: number
  postId: number
  workspaceId: number
  position: number
  kind: string
  status: DeliveryPartStatus
  externalUrl: string | null
  lastError: string | null
  at: string
}

declare module '@adonisjs/core/types' {
  interface EventsList {
    'delivery:status_changed': DeliveryStatusChanged
    'delivery:part_changed': DeliveryPartChanged
  }
}

/**
 * One event per delivery status change, on the app emitter of the process that made the
 * change (usually a worker). The UI forwards it to browsers, e.g. with
 * `emitter.on('delivery:status_changed', (e) => transmit.broadcast(`workspaces/${e.workspaceId}/deliveries`, e))`
 * — Transmit's Redis transport carries it from the worker to the web processes.
 */
export function emitDeliveryStatus(delivery: Delivery) {
  const event: DeliveryStatusChanged = {
    deliveryId: delivery.id,
    revision: delivery.revision,
    postId: delivery.postId,
    workspaceId: delivery.workspaceId,
    socialAccountId: delivery.socialAccountId,
    network: delivery.network,
    status: delivery.status,
    externalId: delivery.externalId,
    externalUrl: delivery.externalUrl,
    lastError: delivery.lastError,
    errorKind: delivery.lastErrorKind,
    dueAtMs: delivery.dueAt?.toMillis() ?? null,
    at: new Date().toISOString(),
  }
  // Listeners must never break publishing: errors go to the emitter's error handler.
  void emitter.emit('delivery:status_changed', event)
}

/** One event per part status change, beside the delivery's (same channel, same rules). */
export function emitPartStatus(delivery: Delivery, part: DeliveryPart) {
  const event: DeliveryPartChanged = {
    deliveryId: delivery.id,
    postId: delivery.postId,
    workspaceId: delivery.workspaceId,
    position: part.position,
    kind: part.kind,
    status: part.status,
    externalUrl: part.externalUrl,
    lastError: part.lastError,
    at: new Date().toISOString(),
  }
  void emitter.emit('delivery:part_changed', event)
}

import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import WorkspaceMember from '#models/workspace_member'
import type { DeliveryStatusChanged } from '#services/publishing/events'

/** The SSE channel of a workspace's post and delivery changes. */
export const postsChannel = (workspaceId: number) => `workspaces/${workspaceId}/posts`
export const POSTS_CHANNEL_PATTERN = 'workspaces/:id/posts'

/** What a browser receives on that channel (resources/js/use_post_events.ts reads it). */
export type PostLiveEvent = { type: 'delivery:status_changed' } & DeliveryStatusChanged

/** Subscribing needs a signed-in member of that workspace; anyone else is refused (400 from Transmit). */
export async function mayListen(ctx: HttpContext, { id }: { id: string }) {
  // Transmit's routes pass the auth middleware, so a user is there; tests build the context by hand.
  const userId = (ctx.auth?.user as { id: number } | undefined)?.id
  if (!userId || !/^\d+$/.test(id)) return false
  const member = await WorkspaceMember.query()
    .where('workspace_id', Number(id))
    .where('user_id', userId)
    .first()
  return member !== null
}

/** Several changes at once, sent as one message (`forwardDeliveryStatus`). */
export type PostLiveBatch = { type: 'deliveries:status_changed'; events: PostLiveEvent[] }

/**
 * How long changes are gathered before they are sent. A burst settles hundreds of deliveries
 * a second, each changing twice (publishing, then published): one message per workspace per
 * window, with only the last change of each delivery, instead of two Redis publishes and two
 * SSE writes per delivery. Short enough that a person watching sees no delay.
 */
export const LIVE_COALESCE_MS = 50

/** Changes waiting to be sent: workspace → delivery → its latest change. */
const gathered = new Map<number, Map<number, PostLiveEvent>>()
let flushTimer: NodeJS.Timeout | null = null

async function flush() {
  flushTimer = null
  const channels = [...gathered]
  gathered.clear()
  try {
    const transmit = await app.container.make('transmit')
    for (const [workspaceId, changes] of channels) {
      const events = [...changes.values()]
      // One change keeps the single-event shape; more travel as one batch.
      const payload: PostLiveEvent | PostLiveBatch =
        events.length === 1 ? events[0] : { type: 'deliveries:status_changed', events }
      // Plain JSON values only; Transmit's Broadcastable type has no room for a named interface.
      transmit.broadcast(
        postsChannel(workspaceId),
        payload as unknown as Parameters<typeof transmit.broadcast>[1]
      )
    }
  } catch (error) {
    logger.warn({ err: error }, 'live update not sent')
  }
}

/**
 * Forwards a pipeline event to the workspace's channel, coalesced per delivery within
 * LIVE_COALESCE_MS. Transmit is made on first use so ace commands that publish nothing never
 * open its Redis connection; a failure is logged, never thrown — live updates must not break
 * publishing.
 */
export function forwardDeliveryStatus(event: DeliveryStatusChanged) {
  let changes = gathered.get(event.workspaceId)
  if (!changes) gathered.set(event.workspaceId, (changes = new Map()))
  // Re-inserted so a delivery's latest change keeps its place in time order.
  changes.delete(event.deliveryId)
  changes.set(event.deliveryId, { type: 'delivery:status_changed', ...event })
  // Not holding the process open: a worker stopping drops at most one window of live updates.
  flushTimer ??= setTimeout(() => void flush(), LIVE_COALESCE_MS).unref()
}

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

/**
 * Forwards a pipeline event to the workspace's channel. Transmit is made on first use so
 * ace commands that publish nothing never open its Redis connection; a failure is logged,
 * never thrown — live updates must not break publishing.
 */
export async function forwardDeliveryStatus(event: DeliveryStatusChanged) {
  try {
    const transmit = await app.container.make('transmit')
    const payload: PostLiveEvent = { type: 'delivery:status_changed', ...event }
    // Plain JSON values only; Transmit's Broadcastable type has no room for a named interface.
    transmit.broadcast(
      postsChannel(event.workspaceId),
      payload as unknown as Parameters<typeof transmit.broadcast>[1]
    )
  } catch (error) {
    logger.warn({ err: error, deliveryId: event.deliveryId }, 'live update not sent')
  }
}

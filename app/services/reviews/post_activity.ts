import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import User from '#models/user'
import type { ActorInput } from '#policies/actor'
import { audit } from '#services/audit'

/** What a post's timeline records (audit actions `post.<kind>`). */
export const POST_ACTIVITY = [
  'created',
  'edited',
  'submitted',
  'approved',
  'rejected',
  'scheduled',
  'client_approved',
  'client_changes_requested',
  'client_commented',
  'client_approval_reset',
  'client_hold',
  'client_released',
  'commented',
  'review_link_created',
] as const
export type PostActivity = (typeof POST_ACTIVITY)[number]

/** The SSE channel on which members see a workspace's post activity arrive. */
export const activityChannel = (workspaceId: number) => `workspaces/${workspaceId}/activity`
export const ACTIVITY_CHANNEL_PATTERN = 'workspaces/:id/activity'

/**
 * Writes one entry of a post's activity into the audit log (the timeline reads it back)
 * and tells the members' open pages. `client` is the name typed on a review page; `ip`
 * is kept for client actions, whose author has no account.
 */
export async function recordPostActivity(entry: {
  workspaceId: number
  postId: number
  kind: PostActivity
  actorId?: number | null
  client?: string | null
  ip?: string | null
  meta?: Record<string, unknown>
}) {
  await audit({
    action: `post.${entry.kind}`,
    actorId: entry.actorId ?? null,
    workspaceId: entry.workspaceId,
    subjectType: 'post',
    subjectId: entry.postId,
    ip: entry.ip ?? null,
    meta: { ...(entry.client ? { client: entry.client } : {}), ...entry.meta },
  })
  await broadcastActivity(entry.workspaceId, entry.postId, entry.kind)
}

/** Never throws: a live update must not undo an action that is already saved. */
async function broadcastActivity(workspaceId: number, postId: number, kind: PostActivity) {
  try {
    const transmit = await app.container.make('transmit')
    transmit.broadcast(activityChannel(workspaceId), {
      type: 'post:activity',
      postId,
      kind,
      at: new Date().toISOString(),
    })
  } catch (error) {
    logger.warn({ err: error, postId }, 'live activity not sent')
  }
}

/** The user id of an action's actor, whether the caller passed the user or the workspace actor. */
export function actorIdOf(actor: ActorInput) {
  return actor instanceof User ? actor.id : actor.user.id
}

import { onBeforeUnmount, onMounted } from 'vue'
import type { Subscription } from '@adonisjs/transmit-client'
import { transmit } from './use_post_events'

/** Something happened on a post (app/services/reviews/post_activity.ts sends it). */
export type PostActivityEvent = { type: 'post:activity'; postId: number; kind: string; at: string }

/**
 * Calls `onEvent` for every activity on the workspace's posts (a client's answer, a
 * comment, an edit) while the component is mounted, on the same EventSource as the
 * delivery updates.
 */
export function usePostActivity(workspaceId: number, onEvent: (event: PostActivityEvent) => void) {
  let subscription: Subscription | null = null
  let stop: (() => void) | null = null
  onMounted(async () => {
    subscription = transmit().subscription(`workspaces/${workspaceId}/activity`)
    stop = subscription.onMessage<PostActivityEvent>(onEvent)
    if (!subscription.isCreated) await subscription.create().catch(() => {})
  })
  onBeforeUnmount(() => {
    stop?.()
    if (subscription && subscription.handlerCount === 0 && subscription.isCreated)
      void subscription.delete().catch(() => {})
  })
}

import { onBeforeUnmount, onMounted, ref, toValue, watch, type MaybeRefOrGetter } from 'vue'
import { Transmit, type Subscription } from '@adonisjs/transmit-client'

/** A delivery of a post changed status (app/services/live/post_channels.ts sends it). */
export type PostLiveEvent = {
  type: 'delivery:status_changed'
  deliveryId: number
  postId: number
  workspaceId: number
  network: string
  status:
    | 'draft'
    | 'pending_approval'
    | 'scheduled'
    | 'queued'
    | 'publishing'
    | 'published'
    | 'failed'
    | 'unknown'
    | 'cancelled'
  externalUrl: string | null
  lastError: string | null
  at: string
}

/** Several changes sent together. */
export type PostLiveBatch = { type: 'deliveries:status_changed'; events: PostLiveEvent[] }

export type LiveState = 'connecting' | 'live' | 'reconnecting'

/** One EventSource per tab, shared by every component that listens (Transmit multiplexes channels). */
let client: Transmit | null = null
const state = ref<LiveState>('connecting')

function transmit() {
  if (client) return client
  client = new Transmit({ baseUrl: window.location.origin, maxReconnectAttempts: 20 })
  client.on('connected', () => (state.value = 'live'))
  client.on('reconnecting', () => (state.value = 'reconnecting'))
  client.on('disconnected', () => (state.value = 'reconnecting'))
  return client
}

/**
 * Calls `onEvent` for every live change of the workspace's posts while the component is
 * mounted; follows a workspace switch. `state` says whether the stream is up.
 * Usage: `const { state } = usePostEvents(() => workspace.value?.id, (event) => …)`.
 */
export function usePostEvents(
  workspaceId: MaybeRefOrGetter<number | null | undefined>,
  onEvent: (event: PostLiveEvent) => void
) {
  let subscription: Subscription | null = null
  let stopListening: (() => void) | null = null

  async function leave() {
    stopListening?.()
    stopListening = null
    const leaving = subscription
    subscription = null
    // Shared subscription: delete it only when no other component still listens on it.
    if (leaving && leaving.handlerCount === 0 && leaving.isCreated)
      await leaving.delete().catch(() => {})
  }

  async function join(id: number | null | undefined) {
    await leave()
    if (!id) return
    const channel = transmit().subscription(`workspaces/${id}/posts`)
    subscription = channel
    // Changes made at the same moment arrive as one batch (app/services/live/post_channels.ts).
    stopListening = channel.onMessage<PostLiveEvent | PostLiveBatch>((message) => {
      if (message.type === 'deliveries:status_changed') message.events.forEach(onEvent)
      else onEvent(message)
    })
    if (!channel.isCreated) await channel.create().catch(() => (state.value = 'reconnecting'))
  }

  onMounted(() => {
    void join(toValue(workspaceId))
    watch(
      () => toValue(workspaceId),
      (id) => void join(id)
    )
  })
  onBeforeUnmount(() => void leave())

  return { state }
}

import { onBeforeUnmount } from 'vue'
import type { CalendarApi } from '@fullcalendar/core'
import { rolledUpStatus, type CalendarEvent } from './types'
import type { PostLiveEvent } from '../../js/use_post_events'

/** Still movable once its status changes live? Only while nothing has been sent. */
const MOVABLE = ['scheduled', 'pending_approval', 'approved']

/** How long after the last live change the range is refetched, so a burst costs one request. */
const REFETCH_AFTER_MS = 1200

/**
 * A live delivery change: repaint the post at once from the event (its rolled-up status as the
 * server computes it), then refetch the range shortly after to agree with the database.
 */
export function useCalendarLive(api: () => CalendarApi | undefined) {
  let refetchTimer: ReturnType<typeof setTimeout> | undefined

  function applyLiveEvent(event: PostLiveEvent) {
    const shown = api()?.getEventById(String(event.postId))
    if (shown) {
      const post = shown.extendedProps.post as CalendarEvent
      const deliveries = post.deliveries.map((delivery) =>
        delivery.id === event.deliveryId ? { ...delivery, status: event.status } : delivery
      )
      const status = rolledUpStatus(
        post.status,
        deliveries.map((delivery) => delivery.status)
      )
      const movable = post.movable && MOVABLE.includes(status)
      shown.setExtendedProp('post', { ...post, deliveries, status, movable })
      shown.setProp('startEditable', movable)
    }
    clearTimeout(refetchTimer)
    refetchTimer = setTimeout(() => api()?.refetchEvents(), REFETCH_AFTER_MS)
  }

  onBeforeUnmount(() => clearTimeout(refetchTimer))
  return { applyLiveEvent }
}

import type { EventInput, EventSourceFuncArg } from '@fullcalendar/core'
import type { CalendarEvent, CalendarFilters } from './types'

/** A post as FullCalendar holds it: an instant, draggable when the server says it may move. */
export function toEventInput(post: CalendarEvent): EventInput {
  return {
    id: String(post.id),
    start: post.at,
    allDay: false,
    startEditable: post.movable,
    durationEditable: false,
    extendedProps: { post },
  }
}

/**
 * FullCalendar's event source: the events endpoint for the visible range only, with the
 * filter bar's choices. `onLoaded` hears how many came back and whether the range was cut;
 * `onFailed` is told before FullCalendar sees the error.
 */
export function useCalendarFeed(options: {
  workspaceSlug: () => string
  filters: () => CalendarFilters
  onLoaded: (count: number, truncated: boolean) => void
  onFailed: () => void
}) {
  return async function loadEvents(info: EventSourceFuncArg): Promise<EventInput[]> {
    const query = new URLSearchParams({ start: info.startStr, end: info.endStr })
    const { accounts, networks, statuses } = options.filters()
    if (accounts.length) query.set('accounts', accounts.join(','))
    if (networks.length) query.set('networks', networks.join(','))
    if (statuses.length) query.set('statuses', statuses.join(','))
    const response = await fetch(`/w/${options.workspaceSlug()}/calendar/events?${query}`, {
      headers: { accept: 'application/json' },
    })
    if (!response.ok) {
      options.onFailed()
      throw new Error(`calendar events: ${response.status}`)
    }
    const body: { events: CalendarEvent[]; truncated: boolean } = await response.json()
    options.onLoaded(body.events.length, body.truncated)
    return body.events.map(toEventInput)
  }
}

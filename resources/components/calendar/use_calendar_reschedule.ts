import { DateTime } from 'luxon'
import { hourCycle } from '../../js/clock'
import type { EventDropArg } from '@fullcalendar/core'
import type { CalendarEvent } from './types'
import { xsrfToken } from '../../js/xsrf'

type Notice = (kind: 'success' | 'error', message: string) => void

/**
 * Drag-to-reschedule: PATCH the post's new instant; on a refusal or a network error the chip
 * goes back where it was and the server's message is shown.
 */
export function useCalendarReschedule(options: {
  workspaceSlug: () => string
  timeZone: () => string
  locale: () => string
  t: (key: string, values?: Record<string, unknown>) => string
  notice: Notice
}) {
  const { t, notice } = options

  function formatWhen(iso: string) {
    return DateTime.fromISO(iso, { zone: options.timeZone() })
      .setLocale(options.locale())
      .toLocaleString({ ...DateTime.DATETIME_MED_WITH_WEEKDAY, hourCycle: hourCycle() })
  }

  /** Never into the past: the server refuses it too, this just keeps the drop from snapping back. */
  function allowDrop(drop: { startStr: string }) {
    return DateTime.fromISO(drop.startStr) > DateTime.now()
  }

  async function onDrop(info: EventDropArg) {
    const post = info.event.extendedProps.post as CalendarEvent
    const at = info.event.startStr
    let body: { post?: { status: CalendarEvent['status']; at: string }; message?: string } = {}
    try {
      const response = await fetch(`/w/${options.workspaceSlug()}/calendar/posts/${post.id}`, {
        method: 'PATCH',
        headers: {
          'accept': 'application/json',
          'content-type': 'application/json',
          'x-xsrf-token': xsrfToken(),
        },
        body: JSON.stringify({ at }),
      })
      body = await response.json().catch(() => ({}))
      if (!response.ok || !body.post) throw new Error(body.message ?? '')
    } catch (error) {
      info.revert()
      notice('error', (error as Error).message || t('calendar.errors.network'))
      return
    }
    info.event.setExtendedProp('post', { ...post, at: body.post.at, status: body.post.status })
    const key = body.post.status === 'pending_approval' ? 'calendar.movedPending' : 'calendar.moved'
    notice('success', t(key, { when: formatWhen(body.post.at) }))
  }

  return { allowDrop, onDrop }
}

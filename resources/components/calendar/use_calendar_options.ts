import { computed, type Ref } from 'vue'
import { router } from '@inertiajs/vue3'
import { DateTime } from 'luxon'
import { clock } from '../../js/clock'
import dayGridPlugin from '@fullcalendar/daygrid'
import timeGridPlugin from '@fullcalendar/timegrid'
import listPlugin from '@fullcalendar/list'
import interactionPlugin, { type DateClickArg } from '@fullcalendar/interaction'
import luxonPlugin from '@fullcalendar/luxon3'
import frLocale from '@fullcalendar/core/locales/fr'
import type {
  CalendarOptions,
  EventClickArg,
  EventDropArg,
  EventSourceFuncArg,
  EventInput,
} from '@fullcalendar/core'

const VIEWS = ['dayGridMonth', 'timeGridWeek', 'listMonth']

export interface CalendarSetup {
  workspaceSlug: string
  timeZone: string
  locale: string
  canCreate: boolean
  initialDate?: string | null
  initialView?: string | null
}

/**
 * FullCalendar's options (month, week, list) in the workspace's time zone and the page's
 * language, plus where a click leads: a post opens it, an empty future slot writes one there.
 * Data and drag-to-reschedule come from the feed and reschedule composables.
 */
export function useCalendarOptions(
  setup: CalendarSetup,
  handlers: {
    t: (key: string) => string
    loading: Ref<boolean>
    events: (info: EventSourceFuncArg) => Promise<EventInput[]>
    onDrop: (info: EventDropArg) => void
    allowDrop: (drop: { startStr: string }) => boolean
    /** The days on screen (ISO dates in the workspace's zone, `to` included) and the view's title. */
    onPeriod?: (period: { from: string; to: string; title: string }) => void
  }
) {
  const { t } = handlers

  /** Keeps the period in the address (Inertia's history state untouched) so a reload or a shared link opens it. */
  function rememberPeriod(arg: {
    view: { type: string; title: string; currentStart: Date; currentEnd: Date }
  }) {
    const url = new URL(window.location.href)
    const date = DateTime.fromJSDate(arg.view.currentStart, { zone: setup.timeZone }).toISODate()!
    const last = DateTime.fromJSDate(arg.view.currentEnd, { zone: setup.timeZone }).minus({
      days: 1,
    })
    handlers.onPeriod?.({ from: date, to: last.toISODate()!, title: arg.view.title })
    url.searchParams.set('date', date)
    url.searchParams.set('view', arg.view.type)
    window.history.replaceState(window.history.state, '', url)
  }

  function onEventClick(info: EventClickArg) {
    info.jsEvent.preventDefault()
    router.visit(`/w/${setup.workspaceSlug}/posts/${info.event.id}`)
  }

  /** An empty day (month: at 9:00) or slot (week) of the future: a new post prefilled with that time. */
  function onDateClick(info: DateClickArg) {
    if (!setup.canCreate) return
    let at = DateTime.fromISO(info.dateStr, { zone: setup.timeZone, setZone: !info.allDay })
    if (info.allDay) at = at.set({ hour: 9, minute: 0 })
    if (at < DateTime.now()) {
      if (!at.hasSame(DateTime.now().setZone(setup.timeZone), 'day')) return
      at = DateTime.now().setZone(setup.timeZone).plus({ hours: 1 }).startOf('hour')
    }
    router.visit(`/w/${setup.workspaceSlug}/posts/new?at=${encodeURIComponent(at.toISO()!)}`)
  }

  return computed<CalendarOptions>(() => ({
    plugins: [luxonPlugin, dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin],
    timeZone: setup.timeZone,
    locales: [frLocale],
    locale: setup.locale,
    firstDay: clock.weekStart,
    initialView: VIEWS.includes(setup.initialView ?? '') ? setup.initialView! : 'dayGridMonth',
    initialDate:
      setup.initialDate && /^\d{4}-\d{2}-\d{2}$/.test(setup.initialDate)
        ? setup.initialDate
        : undefined,
    datesSet: rememberPeriod,
    headerToolbar: {
      left: 'prev,next today',
      center: 'title',
      right: 'dayGridMonth,timeGridWeek,listMonth',
    },
    buttonText: {
      today: t('calendar.today'),
      month: t('calendar.views.month'),
      week: t('calendar.views.week'),
      list: t('calendar.views.list'),
    },
    buttonHints: { prev: t('calendar.previous'), next: t('calendar.next') },
    noEventsText: t('calendar.noPosts'),
    height: 'auto',
    dayMaxEvents: 4,
    eventDisplay: 'block',
    displayEventEnd: false,
    // Posts are instants; an hour gives the week view's chip room for its text.
    defaultTimedEventDuration: '01:00',
    allDaySlot: false,
    scrollTime: '07:00:00',
    nowIndicator: true,
    fixedWeekCount: false,
    slotLabelFormat: {
      hour: 'numeric',
      minute: '2-digit',
      omitZeroMinute: true,
      hour12: clock.hour12,
    },
    eventTimeFormat: { hour: 'numeric', minute: '2-digit', hour12: clock.hour12 },
    editable: true,
    eventDurationEditable: false,
    eventAllow: handlers.allowDrop,
    events: handlers.events,
    eventDrop: handlers.onDrop,
    eventClick: onEventClick,
    dateClick: onDateClick,
    loading: (isLoading) => (handlers.loading.value = isLoading),
  }))
}

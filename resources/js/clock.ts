import { reactive } from 'vue'
import type { SharedProps } from './types'
import { datePatternOf } from '../../app/services/workspaces/date_pattern'

/**
 * How the current workspace reads dates: first day of the week (0 = Sunday), 12/24 h and
 * how a date is typed ("dd/MM/yyyy"…).
 * Followed from the shared props on every visit (like the locale), so every calendar,
 * time field and formatted date of the page agrees without passing it down each tree.
 */
export const clock = reactive({ weekStart: 1, hour12: false, datePattern: 'yyyy-MM-dd' })

/** Intl's `hourCycle` for the current clock. */
export const hourCycle = () => (clock.hour12 ? ('h12' as const) : ('h23' as const))

/** Outside any workspace (no shared clock), the language's usual clock and week. */
function languageDefaults(locale: string) {
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle
  return {
    weekStart: locale === 'en' ? 0 : 1,
    hour12: cycle === 'h11' || cycle === 'h12',
    datePattern: datePatternOf(locale),
  }
}

export function followClock(props: Pick<SharedProps, 'workspace' | 'locale'>) {
  const next = props.workspace?.clock ?? languageDefaults(props.locale ?? 'en')
  clock.weekStart = next.weekStart
  clock.hour12 = next.hour12
  clock.datePattern = next.datePattern
}

/** "14:05" as the current clock writes it: "14:05" or "2:05 PM". */
export function formatClockTime(time: string) {
  const match = /^(\d{2}):(\d{2})$/.exec(time)
  if (!match) return time
  const [hours, minutes] = [Number(match[1]), match[2]]
  if (!clock.hour12) return time
  return `${hours % 12 || 12}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`
}

/**
 * What a person types as a time, read either way ("14:05", "14h05", "2:05 pm", "9"),
 * as "HH:mm"; null when it is not a time.
 */
export function parseClockTime(text: string): string | null {
  const match = /^\s*(\d{1,2})(?:\s*[:h.]\s*(\d{2}))?\s*([ap])?\.?\s*(?:m\.?)?\s*$/i.exec(text)
  if (!match) return null
  let hours = Number(match[1])
  const minutes = Number(match[2] ?? 0)
  const meridiem = match[3]?.toLowerCase()
  if (minutes > 59) return null
  if (meridiem) {
    if (hours < 1 || hours > 12) return null
    hours = (hours % 12) + (meridiem === 'p' ? 12 : 0)
  } else if (hours > 23) return null
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`
}

import ct from 'countries-and-timezones'
import { datePatternOf } from './date_pattern.js'

export const WEEK_STARTS = [0, 1, 6] as const
export const HOUR_CYCLES = ['h12', 'h23'] as const
export type HourCycle = (typeof HOUR_CYCLES)[number]

/** How dates and times read in a workspace, for every calendar, picker and list (a type alias: Inertia props). */
export type ClockConventions = {
  /** 0 = Sunday … 6 = Saturday (FullCalendar's `firstDay`). */
  weekStart: number
  hour12: boolean
  /** How a date is typed and shown in date fields: "dd/MM/yyyy", "MM/dd/yyyy", "yyyy-MM-dd"… */
  datePattern: string
  /** Whether the workspace chose them, or they follow its region and the reader's language. */
  chosen: { weekStart: boolean; hourCycle: boolean }
}

/**
 * The region a workspace lives in is its time zone's country (Europe/Paris → FR); with the
 * reader's language it makes a locale (en-FR) whose CLDR data says when weeks start and which
 * clock is usual. A zone with no country (UTC) leaves the language alone to decide.
 */
function regionalLocale(timezone: string, language: string) {
  const country = ct.getTimezone(timezone)?.countries[0]
  try {
    return new Intl.Locale(country ? `${language}-${country}` : language)
  } catch {
    return new Intl.Locale('en')
  }
}

/** Intl.Locale's week data: `getWeekInfo()` in current engines, `weekInfo` in older ones. */
function firstDayOf(locale: Intl.Locale) {
  const withWeek = locale as Intl.Locale & {
    getWeekInfo?: () => { firstDay: number }
    weekInfo?: { firstDay: number }
  }
  const firstDay = (withWeek.getWeekInfo?.() ?? withWeek.weekInfo)?.firstDay ?? 1
  return firstDay % 7
}

export function clockConventions(
  workspace: { timezone: string; weekStart: number | null; hourCycle: HourCycle | null },
  language: string
): ClockConventions {
  const locale = regionalLocale(workspace.timezone, language)
  const usualCycle = new Intl.DateTimeFormat(locale.toString(), {
    hour: 'numeric',
  }).resolvedOptions().hourCycle
  const hourCycle =
    workspace.hourCycle ?? (usualCycle === 'h11' || usualCycle === 'h12' ? 'h12' : 'h23')
  return {
    weekStart: workspace.weekStart ?? firstDayOf(locale),
    hour12: hourCycle === 'h12',
    datePattern: datePatternOf(locale.toString()),
    chosen: { weekStart: workspace.weekStart !== null, hourCycle: workspace.hourCycle !== null },
  }
}

import { DateTime } from 'luxon'
import { analyticsConfig } from '#services/analytics/settings'

export const PERIODS = ['7', '30', '90', 'custom'] as const
export type PeriodKey = (typeof PERIODS)[number]

/** A reporting window [from, to) in the workspace's time zone, with the window just before it. */
export interface Period {
  key: PeriodKey
  from: DateTime
  to: DateTime
  /** The same length just before `from`, for the trend. */
  previousFrom: DateTime
  /** yyyy-MM-dd of every day shown, in the workspace's time zone. */
  days: string[]
  /** Offset of the workspace's zone at `to`, in minutes: the day bucket of the charts. */
  offsetMinutes: number
}

export type PeriodInput = { period?: PeriodKey; from?: string; to?: string }

/**
 * 7/30/90 days end now and start at midnight N-1 days ago; a custom period covers whole
 * days from `from` to `to` inclusive. Both are clamped to `maxPeriodDays`.
 */
export function resolvePeriod(input: PeriodInput, zone: string, now = DateTime.utc()): Period {
  const today = now.setZone(zone)
  let key: PeriodKey = input.period ?? '30'
  let from: DateTime
  let to: DateTime
  const customFrom = input.from ? DateTime.fromISO(input.from, { zone }) : null
  const customTo = input.to ? DateTime.fromISO(input.to, { zone }) : null
  if (key === 'custom' && customFrom?.isValid && customTo?.isValid && customFrom <= customTo) {
    from = customFrom.startOf('day')
    to = DateTime.min(
      customTo.endOf('day').plus({ milliseconds: 1 }),
      today.endOf('day').plus({ milliseconds: 1 })
    )
  } else {
    if (key === 'custom') key = '30'
    from = today.startOf('day').minus({ days: Number(key) - 1 })
    to = today
  }
  const maxDays = analyticsConfig().maxPeriodDays
  if (to.diff(from, 'days').days > maxDays) from = to.minus({ days: maxDays }).startOf('day')

  const days: string[] = []
  for (let day = from.startOf('day'); day < to; day = day.plus({ days: 1 }))
    days.push(day.toISODate()!)
  return {
    key,
    from: from.toUTC(),
    to: to.toUTC(),
    previousFrom: from.minus(to.diff(from)).toUTC(),
    days,
    offsetMinutes: to.offset,
  }
}

import { DateTime } from 'luxon'
import { hourCycle } from '../../js/clock'

/**
 * Dates shown in the posts pages: always in an explicit zone (the workspace's or the
 * user's), never the browser's implicit one.
 */
export function inZone(iso: string, zone: string, locale: string) {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).setLocale(locale)
}

/** "Tue, Mar 10, 2026, 9:30 AM CET" */
export function formatInZone(iso: string, zone: string, locale: string) {
  return inZone(iso, zone, locale).toLocaleString({
    ...DateTime.DATETIME_MED_WITH_WEEKDAY,
    timeZoneName: 'short',
    hourCycle: hourCycle(),
  })
}

/** "Mar 10, 9:30 AM" — compact, for lists (the zone is said once on the page). */
export function formatShort(iso: string, zone: string, locale: string) {
  return inZone(iso, zone, locale).toLocaleString({
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    weekday: 'short',
    hourCycle: hourCycle(),
  })
}

export function formatTimeOnly(iso: string, zone: string, locale: string) {
  return inZone(iso, zone, locale).toLocaleString({
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    hourCycle: hourCycle(),
  })
}

/** "Tue, Mar 10, 9:30:05 AM CET": a retry often comes within the minute, so seconds count. */
export function formatWithSeconds(iso: string, zone: string, locale: string) {
  return inZone(iso, zone, locale).toLocaleString({
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  })
}

/** Whether two zones read differently at that instant (Europe/Paris vs Europe/Berlin do not). */
export function zonesDiffer(iso: string, a: string, b: string) {
  const instant = DateTime.fromISO(iso, { zone: 'utc' })
  return a !== b && instant.setZone(a).offset !== instant.setZone(b).offset
}

export function formatBytes(bytes: number) {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

import { DateTime } from 'luxon'

/**
 * Wall-clock times in a named zone → UTC instants, with daylight-saving edges decided
 * explicitly (never by the browser's or the server's own zone). Pure: the composer imports
 * this same file to show what a date and time will mean.
 *
 * The rule is RFC 5545's (iCalendar, §3.3.5), which calendars follow:
 *  - a time that does not exist (skipped when clocks go forward, e.g. 02:30 on
 *    2026-03-29 in Europe/Paris) is read with the offset in force before the gap,
 *    so it lands as far after the change as it was meant to be after 02:00 → 03:30 CEST;
 *  - a time that happens twice (clocks go back, e.g. 02:30 on 2026-10-25 in
 *    Europe/Paris) means its first occurrence → 02:30 CEST (00:30 UTC).
 */
export type LocalTimeKind = 'exact' | 'gap' | 'overlap'

export interface ResolvedLocalTime {
  /** The instant, in UTC. */
  utc: DateTime
  kind: LocalTimeKind
  /** The same instant in the zone, as its wall clock then reads (03:30 for a 02:30 in a gap). */
  local: DateTime
}

export interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::00(?:\.0+)?)?$/

/** `2026-03-29T02:30` → its fields, or null when it is not a valid calendar date and time. */
export function parseWallClock(value: string): WallClock | null {
  const match = LOCAL_PATTERN.exec(value.trim())
  if (!match) return null
  const [year, month, day, hour, minute] = match.slice(1).map(Number)
  const check = DateTime.fromObject({ year, month, day, hour, minute }, { zone: 'UTC' })
  if (!check.isValid || check.day !== day || hour > 23 || minute > 59) return null
  return { year, month, day, hour, minute }
}

function offsetAt(millis: number, zone: string) {
  return DateTime.fromMillis(millis, { zone }).offset
}

function readsAs(millis: number, zone: string, wall: WallClock) {
  const local = DateTime.fromMillis(millis, { zone })
  return (
    local.year === wall.year &&
    local.month === wall.month &&
    local.day === wall.day &&
    local.hour === wall.hour &&
    local.minute === wall.minute
  )
}

/** The instant a wall-clock time in `zone` means, with the DST rule above. */
export function resolveWallClock(wall: WallClock, zone: string): ResolvedLocalTime {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute)
  const DAY = 86_400_000
  // No zone changes its offset twice within a day, so the offsets a day apart bracket any change.
  const before = offsetAt(naive - DAY, zone)
  const after = offsetAt(naive + DAY, zone)
  const candidates = [...new Set([before, after])]
    .map((offset) => naive - offset * 60_000)
    .filter((millis) => readsAs(millis, zone, wall))
    .sort((a, b) => a - b)
  const kind: LocalTimeKind =
    candidates.length === 0 ? 'gap' : candidates.length > 1 ? 'overlap' : 'exact'
  const millis = candidates[0] ?? naive - before * 60_000
  const utc = DateTime.fromMillis(millis, { zone: 'UTC' })
  return { utc, kind, local: utc.setZone(zone) }
}

/** `2026-03-29T02:30` in `zone` → the instant, or null for malformed input or an unknown zone. */
export function resolveLocalTime(value: string, zone: string): ResolvedLocalTime | null {
  const wall = parseWallClock(value)
  if (!wall || !DateTime.local().setZone(zone).isValid) return null
  return resolveWallClock(wall, zone)
}

/** The wall-clock string (`yyyy-MM-ddTHH:mm`) of an instant in a zone, as forms carry it. */
export function toWallClockString(instant: DateTime, zone: string) {
  return instant.setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm")
}

import rrulePkg from 'rrule'
import { DateTime } from 'luxon'
import { parseWallClock, resolveWallClock } from '#services/posts/zoned_time'

const { RRule } = rrulePkg

export interface Occurrence {
  /** The wall-clock time in the workspace's zone, `yyyy-MM-ddTHH:mm`: the occurrence's name. */
  local: string
  /** The instant, by the zone's rules of that day. */
  at: DateTime
}

/** Finer than daily would flood every network; the composer offers daily to yearly. */
const ALLOWED_FREQUENCIES = new Set([RRule.DAILY, RRule.WEEKLY, RRule.MONTHLY, RRule.YEARLY])

export class RuleError extends Error {}

/**
 * Reads an RRULE body (`FREQ=WEEKLY;BYDAY=MO;COUNT=10`) against a wall-clock start. The rule
 * is computed in "floating" time — wall-clock fields carried in UTC dates, as RFC 5545 does
 * for a DTSTART without zone — so 09:00 stays 09:00 on both sides of a DST change; each
 * wall-clock time is then placed in the zone (a time in a DST gap moves past it, one in an
 * overlap takes its first occurrence: zoned_time.ts).
 */
export function parseRule(rule: string, startsAtLocal: string) {
  const start = parseWallClock(startsAtLocal)
  if (!start) throw new RuleError('The start must be a date and time (YYYY-MM-DDTHH:mm)')
  const body = rule.trim().replace(/^RRULE:/i, '')
  if (!body || /DTSTART|TZID|[\r\n]/i.test(body))
    throw new RuleError('Give only the RRULE part, without DTSTART or TZID')
  let options
  try {
    options = RRule.parseString(body)
  } catch {
    throw new RuleError('This repeat rule cannot be read')
  }
  if (options.freq === undefined || !ALLOWED_FREQUENCIES.has(options.freq))
    throw new RuleError('Repeat daily, weekly, monthly or yearly')
  const dtstart = new Date(
    Date.UTC(start.year, start.month - 1, start.day, start.hour, start.minute)
  )
  return new RRule({ ...options, dtstart, tzid: null })
}

const floating = (at: DateTime<boolean>, zone: string) => {
  const local = at.setZone(zone)
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute))
}

/** The occurrences whose instant falls in [from, to). */
export function occurrencesBetween(
  rule: string,
  startsAtLocal: string,
  zone: string,
  from: DateTime<boolean>,
  to: DateTime<boolean>
): Occurrence[] {
  const recurrence = parseRule(rule, startsAtLocal)
  // A day of margin on each side: the floating window and the real one differ by the offset.
  const dates = recurrence.between(
    new Date(floating(from, zone).getTime() - 86_400_000),
    new Date(floating(to, zone).getTime() + 86_400_000),
    true
  )
  const result: Occurrence[] = []
  for (const date of dates) {
    const wall = {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
    }
    const { utc } = resolveWallClock(wall, zone)
    if (utc.toMillis() < from.toMillis() || utc.toMillis() >= to.toMillis()) continue
    const local = DateTime.fromObject(wall, { zone: 'UTC' }).toFormat("yyyy-MM-dd'T'HH:mm")
    result.push({ local, at: utc })
  }
  return result
}

/** Whether the rule has an end (COUNT or UNTIL); an endless one is laid out window by window, forever. */
export function ruleEnds(rule: string) {
  return /(^|;)(COUNT|UNTIL)=/i.test(rule)
}

/** The rule with an UNTIL just before `local` (and no COUNT): the old half of an "all future" edit. */
export function ruleEndingBefore(rule: string, local: string) {
  const wall = parseWallClock(local)!
  const before = DateTime.fromObject(wall, { zone: 'UTC' }).minus({ minutes: 1 })
  const kept = rule
    .replace(/^RRULE:/i, '')
    .split(';')
    .filter((part) => part && !/^(COUNT|UNTIL)=/i.test(part))
  return [...kept, `UNTIL=${before.toFormat("yyyyMMdd'T'HHmmss")}`].join(';')
}

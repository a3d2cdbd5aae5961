import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import { POST_STATUSES } from '#models/post'

/** FullCalendar's month view spans six weeks; a day more absorbs a DST change at either end. */
export const MAX_RANGE_DAYS = 43

/** An ISO 8601 instant with its offset (what FullCalendar sends), kept as a UTC DateTime. */
const isoInstant = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const at = DateTime.fromISO(value, { setZone: true })
  if (!at.isValid) {
    field.report('The {{ field }} field must be an ISO 8601 date and time', 'isoInstant', field)
    return
  }
  field.mutate(at.toUTC(), field)
})

const instant = () =>
  vine
    .string()
    .trim()
    .maxLength(40)
    .use(isoInstant())
    .transform((value) => value as unknown as DateTime)

/** `1,2,3` → [1, 2, 3]; a query string keeps list filters short and cacheable. */
const idList = () =>
  vine
    .string()
    .trim()
    .maxLength(2000)
    .regex(/^\d+(,\d+)*$/)
    .transform((value) => value.split(',').map(Number))

const wordList = (allowed?: readonly string[]) =>
  vine
    .string()
    .trim()
    .maxLength(500)
    .regex(/^[a-z0-9_]+(,[a-z0-9_]+)*$/)
    .transform((value) => value.split(',').filter((word) => !allowed || allowed.includes(word)))

export const calendarEventsValidator = vine.create({
  start: instant(),
  end: instant(),
  accounts: idList().optional(),
  networks: wordList().optional(),
  statuses: wordList(POST_STATUSES).optional(),
})

export const reschedulePostValidator = vine.create({
  at: instant(),
})

/** Why a range is refused, or null: the end after the start, and at most MAX_RANGE_DAYS long. */
export function rangeProblem(start: DateTime, end: DateTime): 'order' | 'too_long' | null {
  if (end <= start) return 'order'
  if (end.diff(start, 'days').days > MAX_RANGE_DAYS) return 'too_long'
  return null
}

import { DateTime } from 'luxon'
import Post from '#models/post'
import PostingSlot from '#models/posting_slot'
import { sqlTime } from '#services/publishing/settings'
import { resolveWallClock } from '#services/posts/zoned_time'

/** Statuses in which a post holds its time: a slot it sits on is taken. */
const HOLDING_STATUSES = ['pending_approval', 'approved', 'scheduled', 'publishing'] as const

/** How far ahead "add to queue" looks before saying the schedule is full. */
const HORIZON_WEEKS = 12

export type NextFreeSlot = { status: 'ok'; at: DateTime } | { status: 'no_slots' | 'full' }

/**
 * The workspace's next queue slot after `now` that no post of the workspace holds yet.
 * Slots are wall-clock times in the workspace's zone, turned into instants day by day
 * with the zone's rules of that day (zoned_time.ts): a 09:00 slot is 09:00 in summer and
 * in winter, a slot inside a DST gap moves after the change, one inside an overlap is its
 * first occurrence. A post "takes" a slot when it is scheduled within the same minute.
 */
export async function nextFreeSlot(
  workspace: { id: number; timezone: string },
  now = DateTime.utc()
): Promise<NextFreeSlot> {
  const found = await freeSlots(workspace, 1, now)
  if (found === null) return { status: 'no_slots' }
  return found.length ? { status: 'ok', at: found[0] } : { status: 'full' }
}

/** The next `count` free slots (fewer when the horizon ends first), or null without a posting schedule. */
export async function freeSlots(
  workspace: { id: number; timezone: string },
  count: number,
  now: DateTime<boolean> = DateTime.utc()
): Promise<DateTime[] | null> {
  const slots = await PostingSlot.query().where('workspace_id', workspace.id)
  if (!slots.length) return null
  const byWeekday = new Map<number, { hour: number; minute: number }[]>()
  for (const slot of slots) {
    const [hour, minute] = slot.time.split(':').map(Number)
    byWeekday.set(slot.weekday, [...(byWeekday.get(slot.weekday) ?? []), { hour, minute }])
  }

  const horizon = now.plus({ weeks: HORIZON_WEEKS })
  const held = await Post.query()
    .where('workspace_id', workspace.id)
    .whereIn('status', [...HOLDING_STATUSES])
    .where('scheduled_at', '>=', sqlTime(now.startOf('minute')))
    .where('scheduled_at', '<=', sqlTime(horizon.plus({ days: 1 })))
    .select('scheduled_at')
  const taken = new Set(held.map((post) => post.scheduledAt!.toUTC().startOf('minute').toMillis()))

  const free: DateTime[] = []
  let day = now.setZone(workspace.timezone).startOf('day')
  for (let i = 0; i <= HORIZON_WEEKS * 7; i++, day = day.plus({ days: 1 })) {
    const times = (byWeekday.get(day.weekday) ?? []).sort(
      (a, b) => a.hour - b.hour || a.minute - b.minute
    )
    for (const { hour, minute } of times) {
      const { utc } = resolveWallClock(
        { year: day.year, month: day.month, day: day.day, hour, minute },
        workspace.timezone
      )
      if (utc <= now || taken.has(utc.toMillis())) continue
      free.push(utc)
      if (free.length >= count) return free
    }
  }
  return free
}

import { DateTime } from 'luxon'
import { resolveLocalTime, type LocalTimeKind } from '#services/posts/zoned_time'
import { nextFreeSlot } from '#services/posts/next_free_slot'

/** A time in the past by more than this is a mistake, not "now". */
const PAST_TOLERANCE_MS = 60_000

export type ScheduleTime =
  | { status: 'ok'; at: DateTime; kind: LocalTimeKind | 'slot' }
  | { status: 'invalid' | 'past' | 'no_slots' | 'full' }

/**
 * When a post should go out: a wall-clock time typed in the workspace's zone (DST edges per
 * zoned_time.ts), or the next free slot of the posting schedule.
 */
export async function scheduleTime(
  workspace: { id: number; timezone: string },
  input: { at?: string | null; queue?: boolean },
  now = DateTime.utc()
): Promise<ScheduleTime> {
  if (input.queue) {
    const slot = await nextFreeSlot(workspace, now)
    return slot.status === 'ok' ? { status: 'ok', at: slot.at, kind: 'slot' } : slot
  }
  const resolved = input.at ? resolveLocalTime(input.at, workspace.timezone) : null
  if (!resolved) return { status: 'invalid' }
  if (resolved.utc.toMillis() < now.toMillis() - PAST_TOLERANCE_MS) return { status: 'past' }
  return { status: 'ok', at: resolved.utc, kind: resolved.kind }
}

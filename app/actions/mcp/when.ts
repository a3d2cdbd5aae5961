import { DateTime } from 'luxon'
import type Workspace from '#models/workspace'
import { ApiError } from '#services/api/errors'
import { refusal } from '#services/api/posts'
import { scheduleTime } from '#services/posts/schedule_time'

/** `at` / `localTime` / `queue` (exactly one) → the UTC instant, with the composer's rules for the last two. */
export async function resolveWhen(
  workspace: Workspace,
  when: { at?: string; localTime?: string; queue?: boolean }
) {
  const given = [when.at, when.localTime, when.queue || undefined].filter((v) => v !== undefined)
  if (given.length !== 1)
    throw new ApiError(422, 'validation_failed', 'Give exactly one of at, localTime or queue')
  if (when.at) {
    const at = DateTime.fromISO(when.at, { setZone: true }).toUTC()
    if (!at.isValid) throw new ApiError(422, 'validation_failed', 'Invalid instant')
    if (at.toMillis() < Date.now() - 60_000) throw refusal({ status: 'past' })
    return at
  }
  const time = await scheduleTime(workspace, { at: when.localTime, queue: when.queue })
  if (time.status !== 'ok') {
    if (time.status === 'invalid')
      throw new ApiError(422, 'validation_failed', 'Invalid local time')
    throw refusal(time)
  }
  return time.at
}

import { DateTime } from 'luxon'
import type { I18n } from '@adonisjs/i18n'
import type { DispatchResult } from '#actions/posts/dispatch_post'
import type { ScheduleTime } from '#services/posts/schedule_time'

export interface Message {
  kind: 'success' | 'error'
  text: string
}

/** A UTC instant as the workspace reads it, in the user's language. */
export function workspaceTime(at: DateTime, timezone: string, locale: string) {
  return at
    .setZone(timezone)
    .setLocale(locale)
    .toLocaleString({ ...DateTime.DATETIME_MED_WITH_WEEKDAY, timeZoneName: 'short' })
}

/** The sentence a user reads after asking to schedule, publish or submit a post. */
export function dispatchMessage(
  i18n: I18n,
  outcome: DispatchResult,
  context: { intent: string; time: ScheduleTime | null; timezone: string }
): Message {
  const { time } = context
  switch (outcome.status) {
    case 'scheduled': {
      if (context.intent === 'publish' || !time || time.status !== 'ok')
        return { kind: 'success', text: i18n.t('posts.flash.publishing') }
      const date = workspaceTime(time.at, context.timezone, i18n.locale)
      const note =
        time.kind === 'gap'
          ? ` ${i18n.t('posts.schedule.gapNoteShort')}`
          : time.kind === 'overlap'
            ? ` ${i18n.t('posts.schedule.overlapNoteShort')}`
            : ''
      return {
        kind: 'success',
        text:
          i18n.t(time.kind === 'slot' ? 'posts.flash.queued' : 'posts.flash.scheduled', { date }) +
          note,
      }
    }
    case 'awaiting_client': {
      const date = workspaceTime(outcome.post.scheduledAt!, context.timezone, i18n.locale)
      return { kind: 'success', text: i18n.t('posts.flash.awaiting_client', { date }) }
    }
    case 'pending_approval':
    case 'submitted':
      return { kind: 'success', text: i18n.t('posts.flash.submitted') }
    case 'invalid': {
      const count = outcome.checks.filter((check) => check.issues.length).length
      return {
        kind: 'error',
        text: i18n.t(count ? 'posts.flash.invalid' : 'posts.flash.noTargets', { count }),
      }
    }
    default:
      return { kind: 'error', text: i18n.t(`posts.flash.${outcome.status}`) }
  }
}

/** The field error for a time that cannot be used. */
export function timeMessage(i18n: I18n, time: Exclude<ScheduleTime, { status: 'ok' }>) {
  return i18n.t(`posts.schedule.errors.${time.status}`)
}

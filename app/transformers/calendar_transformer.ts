import type { NetworkPlugin } from '#sdk'
import type SocialAccount from '#models/social_account'
import type { WorkspaceActor } from '#policies/actor'
import PostPolicy from '#policies/post_policy'
import type { CalendarPostRow } from '#services/calendar/calendar_events'
import { MOVABLE_STATUSES } from '#actions/posts/reschedule_post'
import { webUrl } from '#sdk/web_url'

/** One post on the calendar: what its chip shows and whether the viewer may drag it. */
export function toCalendarEvent(row: CalendarPostRow, viewer: WorkspaceActor, workspaceId: number) {
  return {
    id: row.id,
    at: row.scheduledAt.toISOString(),
    status: row.status,
    excerpt: row.excerpt,
    movable:
      MOVABLE_STATUSES.includes(row.status) &&
      new PostPolicy().move(viewer.user, viewer.member, { workspaceId, authorId: row.authorId }),
    deliveries: row.deliveries,
    repeating: row.seriesId !== null,
    followUps: row.followUps,
  }
}

/** An account in the filter bar: its public profile only. */
export function toCalendarAccount(account: SocialAccount) {
  return {
    id: account.id,
    network: account.network,
    handle: account.handle,
    displayName: account.displayName,
    avatarUrl: webUrl(account.avatarUrl),
  }
}

/** A network's mark and colour, for chips and filters. */
export function toCalendarNetwork(plugin: NetworkPlugin) {
  return {
    id: plugin.id,
    displayName: plugin.displayName,
    icon: plugin.icon,
    brandColor: plugin.brandColor,
  }
}

export type CalendarEvent = ReturnType<typeof toCalendarEvent>
export type CalendarAccount = ReturnType<typeof toCalendarAccount>
export type CalendarNetwork = ReturnType<typeof toCalendarNetwork>

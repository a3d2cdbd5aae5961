/* Shape from app/services/notifications/notification_feed.ts. */
export type NotificationRow = {
  id: number
  kind: string
  read: boolean
  at: string
  workspace: string | null
  href: string | null
  params: { who: string; excerpt: string; comment: string; network: string; handle: string }
}

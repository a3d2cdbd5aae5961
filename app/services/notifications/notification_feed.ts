import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import Notification from '#models/notification'

/** The bell shows this many of the newest notices; older ones stay in the database. */
export const FEED_SIZE = 30

/**
 * A user's notices only count while they are still a member of the notice's workspace:
 * someone removed from a client's workspace must not keep reading about its posts.
 */
function ownVisible(userId: number) {
  return Notification.query()
    .where('user_id', userId)
    .where((scope) =>
      scope
        .whereNull('workspace_id')
        .orWhereIn('workspace_id', (members) =>
          members.from('workspace_members').where('user_id', userId).select('workspace_id')
        )
    )
}

export async function unreadCount(userId: number) {
  const row = await ownVisible(userId).whereNull('read_at').count('* as total').first()
  return Number(row?.$extras.total ?? 0)
}

/**
 * The newest notices with what the bell needs to word them and link to their post: the
 * workspace's slug and name (read here, not stored, so a renamed workspace links right).
 */
export async function notificationFeed(userId: number) {
  const notices = await ownVisible(userId).orderBy('id', 'desc').limit(FEED_SIZE)
  const workspaceIds = [...new Set(notices.map((n) => n.workspaceId).filter((id) => id !== null))]
  const workspaces = new Map(
    (workspaceIds.length
      ? await db.from('workspaces').whereIn('id', workspaceIds).select('id', 'slug', 'name')
      : []
    ).map((row) => [Number(row.id), { slug: String(row.slug), name: String(row.name) }])
  )
  return notices.map((notice) => {
    const workspace = notice.workspaceId ? workspaces.get(notice.workspaceId) : undefined
    const data = notice.data ?? {}
    return {
      id: Number(notice.id),
      kind: notice.kind,
      read: notice.readAt !== null,
      at: notice.createdAt.toUTC().toISO()!,
      workspace: workspace?.name ?? null,
      href: noticeHref(workspace?.slug, data),
      params: noticeParams(data),
    }
  })
}

/** The page a notice opens: its post, or the accounts page for an account to reconnect. */
function noticeHref(slug: string | undefined, data: Record<string, unknown>) {
  if (!slug) return null
  const { urlFor } = router.urlBuilder
  if (typeof data.postId === 'number') {
    return urlFor('workspace.posts.show', { workspace: slug, post: data.postId })
  }
  if (typeof data.accountId === 'number') return urlFor('channels.index', { workspace: slug })
  return urlFor('workspace.show', { workspace: slug })
}

/** Only the short texts meant for display: never ids of other records or raw error payloads. */
function noticeParams(data: Record<string, unknown>) {
  const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 200) : '')
  return {
    who: text(data.who),
    excerpt: text(data.excerpt),
    comment: text(data.comment),
    network: text(data.networkName) || text(data.network),
    handle: text(data.handle),
  }
}

export type NotificationFeedItem = Awaited<ReturnType<typeof notificationFeed>>[number]

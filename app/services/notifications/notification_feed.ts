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

/** Notices on one page of "See all"; the bell shows the newest FEED_SIZE. */
export const PAGE_SIZE = 25

/**
 * Notices with what the bell and the page need to word them and link to their post: the
 * workspace's slug and name (read here, not stored, so a renamed workspace links right).
 */
async function present(notices: Notification[]) {
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

/** The newest notices, for the bell. */
export async function notificationFeed(userId: number) {
  return present(await ownVisible(userId).orderBy('id', 'desc').limit(FEED_SIZE))
}

/** One page of every notice, newest first, for "See all". */
export async function notificationPage(userId: number, page: number) {
  const result = await ownVisible(userId).orderBy('id', 'desc').paginate(page, PAGE_SIZE)
  return {
    items: await present(result.all()),
    pagination: {
      currentPage: result.currentPage,
      lastPage: Math.max(1, result.lastPage),
      total: result.total,
      perPage: result.perPage,
    },
  }
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

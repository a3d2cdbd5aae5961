import Post, { type PostStatus } from '#models/post'
import type { PostTab } from '#validators/posts'

/** Which statuses each tab of the posts list shows. */
export const TAB_STATUSES: Record<Exclude<PostTab, 'all'>, PostStatus[]> = {
  drafts: ['draft', 'rejected', 'approved'],
  pending: ['pending_approval'],
  scheduled: ['scheduled', 'publishing'],
  published: ['published', 'partially_published'],
  failed: ['failed', 'partially_published'],
}

export interface PostListFilters {
  tab?: PostTab
  status?: PostStatus
  account?: number
  network?: string
  page?: number
}

export const PER_PAGE = 20

/**
 * One page of a workspace's posts. Upcoming posts read soonest first; everything else
 * newest first. Account and network filters match posts with a live delivery there.
 */
export async function listPosts(workspaceId: number, filters: PostListFilters) {
  const tab = filters.tab ?? 'all'
  const query = Post.query().where('workspace_id', workspaceId)
  if (filters.status) query.where('status', filters.status)
  else if (tab !== 'all') query.whereIn('status', TAB_STATUSES[tab])
  if (filters.account || filters.network) {
    query.whereExists((sub) => {
      sub
        .from('deliveries')
        .whereColumn('deliveries.post_id', 'posts.id')
        .whereNot('deliveries.status', 'cancelled')
      if (filters.account) sub.where('deliveries.social_account_id', filters.account)
      if (filters.network) sub.where('deliveries.network', filters.network)
    })
  }
  if (tab === 'scheduled' || tab === 'pending')
    query.orderByRaw('scheduled_at is null').orderBy('scheduled_at', 'asc')
  else if (tab === 'published' || tab === 'failed') query.orderBy('scheduled_at', 'desc')
  else query.orderBy('updated_at', 'desc')
  query.orderBy('id', 'desc')
  query
    .preload('author')
    .preload('deliveries', (deliveries) => deliveries.orderBy('id').preload('socialAccount'))
  return query.paginate(filters.page ?? 1, PER_PAGE)
}

/** How many posts each tab holds, for the tab badges. */
export async function countByTab(workspaceId: number) {
  const rows = await Post.query()
    .where('workspace_id', workspaceId)
    .groupBy('status')
    .select('status')
    .count('* as total')
  const byStatus = new Map(rows.map((row) => [row.status, Number(row.$extras.total)]))
  const sum = (statuses: PostStatus[]) =>
    statuses.reduce((total, status) => total + (byStatus.get(status) ?? 0), 0)
  return {
    all: [...byStatus.values()].reduce((a, b) => a + b, 0),
    drafts: sum(TAB_STATUSES.drafts),
    pending: sum(TAB_STATUSES.pending),
    scheduled: sum(TAB_STATUSES.scheduled),
    published: sum(TAB_STATUSES.published),
    failed: sum(TAB_STATUSES.failed),
  }
}

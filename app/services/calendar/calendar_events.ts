import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { PostStatus } from '#models/post'
import type { DeliveryStatus } from '#models/delivery'
import { sqlTime } from '#services/publishing/settings'

/** Characters of the body the calendar shows; cut in SQL so long posts never leave the database whole. */
export const EXCERPT_LENGTH = 120

/** A month view with a busy workspace stays readable; beyond this the page says the range is truncated. */
export const MAX_EVENTS = 1500

interface PostRow {
  id: number
  author_id: number | null
  status: PostStatus
  scheduled_at: string | Date
  excerpt: string
}

interface DeliveryRow {
  id: number
  post_id: number
  network: string
  social_account_id: number
  status: DeliveryStatus
}

export interface CalendarFilters {
  accounts?: number[]
  networks?: string[]
  statuses?: PostStatus[]
}

export interface CalendarPostRow {
  id: number
  authorId: number | null
  status: PostStatus
  scheduledAt: Date
  excerpt: string
  deliveries: { id: number; network: string; accountId: number | null; status: DeliveryStatus }[]
  /** The repeating series the post is an occurrence of (the calendar marks it). */
  seriesId: number | null
  /** Thread parts after the main post (the longest list of the post), and whether it has a first comment. */
  followUps: { threadParts: number; firstComment: boolean }
}

/**
 * The posts of one workspace scheduled in [start, end), with only what the calendar shows:
 * two queries whatever the number of posts — the range on posts (workspace_id, scheduled_at)
 * and one read of their deliveries on deliveries (post_id, network, social_account_id, status).
 * Not a join: PostgreSQL plans the join as a hash join over every delivery (40 ms on 200k
 * deliveries, bench/calendar.ts); `post_id = ANY(…)` is an index-only scan of 0016's index.
 */
export async function calendarPosts(
  workspaceId: number,
  start: DateTime,
  end: DateTime,
  filters: CalendarFilters = {}
) {
  const query = db
    .from('posts')
    .where('posts.workspace_id', workspaceId)
    .where('posts.scheduled_at', '>=', sqlTime(start))
    .where('posts.scheduled_at', '<', sqlTime(end))
    .select('posts.id', 'posts.author_id', 'posts.status', 'posts.scheduled_at')
    .select(db.raw('substr(posts.body, 1, ?) as excerpt', [EXCERPT_LENGTH + 1]))
    .orderBy('posts.scheduled_at')
    .orderBy('posts.id')
    .limit(MAX_EVENTS + 1)
  if (filters.statuses?.length) query.whereIn('posts.status', filters.statuses)
  // Each filter is a condition on the post: it goes to one of these networks, and to one of these accounts.
  const { networks, accounts } = filters
  if (networks?.length)
    query.whereExists((sub) => targeting(sub).whereIn('deliveries.network', networks))
  if (accounts?.length)
    query.whereExists((sub) => targeting(sub).whereIn('deliveries.social_account_id', accounts))
  const rows: PostRow[] = await query
  const truncated = rows.length > MAX_EVENTS
  if (truncated) rows.pop()

  const deliveries = new Map<number, CalendarPostRow['deliveries']>()
  const series = new Map<number, number>()
  const followUps = new Map<number, CalendarPostRow['followUps']>()
  if (rows.length) {
    const ids: number[] = rows.map((row) => row.id)
    const deliveryQuery = db
      .from('deliveries')
      .select('id', 'post_id', 'network', 'social_account_id', 'status')
    // One parameter instead of up to 1,500: preparing a statement with that many placeholders costs more
    // than running it (SQLite: 3.3 → 1.5 ms for a busy month). Both read the covering index of 0010/0016;
    // without `id` in it PostgreSQL chose a parallel seq scan of every delivery (114 ms, bench/calendar.ts).
    if (db.connection().dialect.name === 'postgres')
      deliveryQuery.whereRaw('post_id = ANY(?::int[])', [`{${ids.join(',')}}`])
    else
      deliveryQuery.whereRaw('post_id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)])
    const list: DeliveryRow[] = await deliveryQuery
    for (const row of await seriesOf(ids)) series.set(Number(row.post_id), Number(row.series_id))
    for (const row of await followUpsOf(ids))
      followUps.set(Number(row.post_id), {
        threadParts: Number(row.thread_parts),
        firstComment: Number(row.first_comment) > 0,
      })
    for (const row of list) {
      const entry = {
        id: row.id,
        network: row.network,
        accountId: row.social_account_id,
        status: row.status,
      }
      const forPost = deliveries.get(row.post_id)
      if (forPost) forPost.push(entry)
      else deliveries.set(row.post_id, [entry])
    }
  }

  const posts: CalendarPostRow[] = rows.map((row) => ({
    id: row.id,
    authorId: row.author_id,
    status: row.status,
    scheduledAt: toDate(row.scheduled_at),
    excerpt: trimExcerpt(row.excerpt ?? ''),
    deliveries: deliveries.get(row.id) ?? [],
    seriesId: series.get(row.id) ?? null,
    followUps: followUps.get(row.id) ?? { threadParts: 0, firstComment: false },
  }))
  return { posts, truncated }
}

/** Which of these posts are occurrences of a repeating series (index on series_occurrences.post_id). */
function seriesOf(ids: number[]): Promise<{ post_id: number; series_id: number }[]> {
  const query = db.from('series_occurrences').select('post_id', 'series_id')
  if (db.connection().dialect.name === 'postgres')
    return query.whereRaw('post_id = ANY(?::int[])', [`{${ids.join(',')}}`])
  return query.whereRaw('post_id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)])
}

/** Which of these posts have follow-ups, and how many thread parts (post_parts' (post_id, delivery_id) index). */
function followUpsOf(
  ids: number[]
): Promise<{ post_id: number; thread_parts: number; first_comment: number }[]> {
  const query = db
    .from('post_parts')
    .select('post_id')
    .select(db.raw("max(case when kind = 'thread' then position else 0 end) as thread_parts"))
    .select(db.raw("max(case when kind = 'first_comment' then 1 else 0 end) as first_comment"))
    .groupBy('post_id')
  if (db.connection().dialect.name === 'postgres')
    return query.whereRaw('post_id = ANY(?::int[])', [`{${ids.join(',')}}`])
  return query.whereRaw('post_id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)])
}

const targeting = (sub: DatabaseQueryBuilderContract) =>
  sub.from('deliveries').whereColumn('deliveries.post_id', 'posts.id').select(db.raw('1'))

/** SQLite hands back text in Lucid's UTC format; PostgreSQL a Date. */
function toDate(value: string | Date) {
  if (value instanceof Date) return value
  return new Date(value.length === 19 ? `${value.slice(0, 10)}T${value.slice(11)}Z` : value)
}

/** One line, cut at a word when the body was longer than the excerpt. */
function trimExcerpt(text: string) {
  if (text.length <= EXCERPT_LENGTH && !/\s\s|[\n\t\r]/.test(text)) return text.trim()
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= EXCERPT_LENGTH) return flat
  const cut = flat.slice(0, EXCERPT_LENGTH)
  const space = cut.lastIndexOf(' ')
  return `${(space > EXCERPT_LENGTH * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`
}

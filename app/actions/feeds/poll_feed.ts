import { DateTime } from 'luxon'
import logger from '@adonisjs/core/services/logger'
import Feed from '#models/feed'
import FeedItem from '#models/feed_item'
import User from '#models/user'
import Workspace from '#models/workspace'
import { mayPost } from '#actions/automation/may_post'
import { sqlTime } from '#services/publishing/settings'
import { fetchFeed } from '#services/feeds/fetch_feed'
import { feedSettings } from '#services/feeds/settings'
import type { FeedEntry } from '#services/feeds/parse_feed'
import { passesFilter } from '#services/feeds/template'
import { entryToPost } from '#actions/feeds/entry_to_post'

export interface PollReport {
  status: 'ok' | 'not_modified' | 'error'
  created: number[]
  skipped: Record<string, number>
  error?: { code: string; message: string }
}

async function recordError(feed: Feed, code: string, message: string): Promise<PollReport> {
  await feed
    .merge({ lastErrorCode: code, lastError: message.slice(0, 500), lastFetchedAt: DateTime.utc() })
    .save()
  return { status: 'error', created: [], skipped: {}, error: { code, message } }
}

/**
 * One fetch of one feed: new items (by guid, else link) become posts as the feed says —
 * drafts, queued posts or posts for approval — through the composer's own actions. Every
 * item is remembered before its post is made, so it is never posted twice; at most
 * `maxItemsPerFetch` posts per fetch (the newest), and the first fetch takes nothing
 * published before the feed was added unless the feed asks for it.
 */
export async function pollFeed(feed: Feed): Promise<PollReport> {
  const [workspace, author] = await Promise.all([
    Workspace.find(feed.workspaceId),
    feed.createdById ? User.find(feed.createdById) : null,
  ])
  if (!workspace) return { status: 'error', created: [], skipped: {} }
  if (!author || !(await mayPost(workspace.id, author)))
    return recordError(feed, 'author_left', 'The member who added this feed may no longer post')

  const fetched = await fetchFeed(feed.url, { etag: feed.etag, lastModified: feed.lastModified })
  if (fetched.status === 'error') return recordError(feed, fetched.code, fetched.message)
  const firstFetch = feed.lastFetchedAt === null
  if (fetched.status === 'not_modified') {
    await feed.merge({ lastErrorCode: null, lastError: null, lastFetchedAt: DateTime.utc() }).save()
    return { status: 'not_modified', created: [], skipped: {} }
  }

  const seen = new Set(
    (
      await FeedItem.query()
        .where('feed_id', feed.id)
        .whereIn(
          'item_key',
          fetched.feed.entries.map((entry) => entry.key)
        )
        .select('item_key')
    ).map((item) => item.itemKey)
  )
  const fresh = [...new Map(fetched.feed.entries.map((e) => [e.key, e])).values()]
    .filter((entry) => !seen.has(entry.key))
    .sort((a, b) => (b.publishedAt?.toMillis() ?? 0) - (a.publishedAt?.toMillis() ?? 0))

  const report: PollReport = { status: 'ok', created: [], skipped: {} }
  const limit = Math.min(feed.maxItemsPerFetch, feedSettings.maxItemsCap)
  for (const entry of fresh) {
    const reason = skipReason(feed, entry, firstFetch, report.created.length >= limit)
    const item = await remember(feed, entry, reason)
    if (!item) continue
    if (reason) {
      report.skipped[reason] = (report.skipped[reason] ?? 0) + 1
      continue
    }
    const made = await entryToPost({ feed, workspace, author, entry })
    await item.merge({ postId: made.postId, skippedReason: made.problem }).save()
    if (made.postId) report.created.push(made.postId)
  }
  await feed
    .merge({
      title: feed.title ?? fetched.feed.title?.slice(0, 255) ?? null,
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      lastFetchedAt: DateTime.utc(),
      lastErrorCode: null,
      lastError: null,
    })
    .save()
  return report
}

function skipReason(feed: Feed, entry: FeedEntry, firstFetch: boolean, full: boolean) {
  if (
    firstFetch &&
    !feed.importExisting &&
    !(entry.publishedAt && entry.publishedAt >= feed.createdAt)
  )
    return 'before_follow'
  if (!passesFilter(entry, feed.includeWords, feed.excludeWords)) return 'filtered'
  if (full) return 'over_limit'
  return null
}

/** Inserts the item's "seen" row; null when another fetch got there first (the unique key). */
async function remember(feed: Feed, entry: FeedEntry, reason: string | null) {
  try {
    return await FeedItem.create({
      feedId: feed.id,
      workspaceId: feed.workspaceId,
      itemKey: entry.key,
      title: entry.title.slice(0, 500) || null,
      link: entry.link?.slice(0, 2048) ?? null,
      postId: null,
      skippedReason: reason,
    })
  } catch (error) {
    logger.debug({ err: error, feedId: feed.id }, 'feed item already remembered')
    return null
  }
}

/** Feeds due now, each claimed by moving its next fetch forward (one worker per feed per round). */
export async function pollDueFeeds(now = DateTime.utc()) {
  const due = await Feed.query()
    .where('active', true)
    .where((q) => q.whereNull('next_fetch_at').orWhere('next_fetch_at', '<=', sqlTime(now)))
    .orderBy('id')
    .limit(100)
  const reports: Record<number, PollReport['status']> = {}
  for (const feed of due) {
    const next = sqlTime(now.plus({ minutes: feedSettings.everyMinutes }))
    const claimed = await Feed.query()
      .where('id', feed.id)
      .where((q) => q.whereNull('next_fetch_at').orWhere('next_fetch_at', '<=', sqlTime(now)))
      .update({ next_fetch_at: next })
    if (!Number(Array.isArray(claimed) ? claimed[0] : claimed)) continue
    reports[feed.id] = (await pollFeed(feed)).status
  }
  return reports
}

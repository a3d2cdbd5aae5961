import type Feed from '#models/feed'
import type FeedItem from '#models/feed_item'

/** A feed's row: its settings, its last fetch and error, and its latest items (never its validators). */
export function toFeedRow(feed: Feed, items: FeedItem[]) {
  return {
    id: feed.id,
    url: feed.url,
    title: feed.title,
    mode: feed.mode,
    template: feed.template,
    targetAccountIds: feed.targetAccountIds,
    includeWords: feed.includeWords,
    excludeWords: feed.excludeWords,
    maxItemsPerFetch: feed.maxItemsPerFetch,
    importExisting: feed.importExisting,
    active: feed.active,
    lastFetchedAt: feed.lastFetchedAt?.toISO() ?? null,
    lastErrorCode: feed.lastErrorCode,
    lastError: feed.lastError,
    items: items
      .filter((item) => item.feedId === feed.id)
      .slice(0, 5)
      .map((item) => ({
        id: item.id,
        title: item.title,
        link: item.link,
        postId: item.postId,
        skippedReason: item.skippedReason,
        createdAt: item.createdAt.toISO(),
      })),
  }
}
export type FeedRow = ReturnType<typeof toFeedRow>

import { BaseTransformer } from '@adonisjs/core/transformers'
import type Feed from '#models/feed'
import type FeedItem from '#models/feed_item'

/** A feed's row: its settings, its last fetch and error, and its latest items (never its validators). */
export default class FeedTransformer extends BaseTransformer<Feed> {
  /** `items` may hold other feeds' items too: the row keeps its own five latest. */
  constructor(
    feed: Feed,
    private items: FeedItem[]
  ) {
    super(feed)
  }

  toObject() {
    const feed = this.resource
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
      items: this.items
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
}

import type { Capabilities } from '#sdk'
import { REDDIT_DEFAULT_LIMITS as L } from './settings.js'

/**
 * Reddit's limits (provider-specs/reddit/FLOW.md). Media limits there are unconfirmed (u):
 * these are the defaults of settings.limits, enforced again at publish with configured values.
 * A subreddit's own rules (allowed kinds, flair, body policy) are checked at publish time.
 */
export const redditCapabilities: Capabilities = {
  text: { limit: 40_000, counter: { id: 'utf16' }, optionalWithMedia: true },
  images: {
    max: L.galleryMaxItems,
    maxBytes: L.imageMaxBytes,
    formats: ['image/jpeg', 'image/png', 'image/gif'],
    altText: { supported: false },
  },
  video: {
    max: 1,
    maxBytes: L.videoMaxBytes,
    formats: ['video/mp4', 'video/quicktime'],
    maxSeconds: L.videoMaxSeconds,
  },
  mixedMedia: false,
  mediaRequired: false,
  mediaByPublicUrl: false,
  // POST /api/comment under the submission: markdown text only, 10,000 characters at most
  // (r2's VMarkdownLength on POST_comment).
  firstComment: { maxLength: 10_000, media: 0, stats: true },
  // Image and video posts are processed after submit; their id appears in the user's listing.
  asyncPublish: true,
  idempotencyKey: false,
  revocable: true,
  // likes = score, comments = num_comments, shares = num_crossposts. upvote_ratio has no slot (see stats.ts).
  metrics: ['likes', 'comments', 'shares'],
}

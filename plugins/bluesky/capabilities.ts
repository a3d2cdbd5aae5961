import type { Capabilities } from '#sdk'

/** From the lexicons: app.bsky.feed.post, app.bsky.embed.images and app.bsky.embed.video. */
export const blueskyCapabilities: Capabilities = {
  // text: maxGraphemes 300 AND maxLength 3000 (UTF-8 bytes); may be empty when there is an embed.
  text: { limit: 300, limitBytes: 3000, counter: { id: 'graphemes' }, optionalWithMedia: true },
  images: {
    max: 4,
    maxBytes: 2_000_000,
    // The lexicon accepts image/*; these are the formats the Bluesky app and AppView render.
    formats: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
    // The lexicon sets no limit on alt text.
    altText: { supported: true },
  },
  video: { max: 1, maxBytes: 300_000_000, formats: ['video/mp4'] },
  // One embed per post: images or a video, not both.
  mixedMedia: false,
  mediaRequired: false,
  mediaByPublicUrl: false,
  // A thread is a chain of replies (app.bsky.feed.post#replyRef); the lexicon sets no length.
  thread: { maxParts: 24, mediaPerPart: 4 },
  firstComment: false,
  asyncPublish: false,
  // No idempotency header, but the plugin derives the record key from the key, which is as good.
  idempotencyKey: true,
  // The lookup reads the record by the key the client chose, from the account's own PDS: exact.
  reconcile: 'authoritative',
  revocable: true,
  // No views or reach on Bluesky.
  metrics: ['likes', 'shares', 'comments', 'quotes'],
}

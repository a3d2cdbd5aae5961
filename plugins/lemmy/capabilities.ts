import type { Capabilities } from '#sdk'

/**
 * What a Lemmy post takes (fake/spec/SOURCE.md): a title (option) and a Markdown body of up to
 * 10,000 characters; one link, which is how an image is attached — uploaded to the instance's
 * pict-rs first — with its alt text. Posts carry up- and downvotes and comments. A login token
 * lasts until it is logged out. The account's own posts are listed newest first, but the
 * listing may lag federation and moderation, so a post not found there is not proof.
 */
export const lemmyCapabilities: Capabilities = {
  text: { limit: 10000, counter: { id: 'graphemes' }, optionalWithMedia: true },
  images: {
    max: 1,
    // pict-rs' default upload ceiling; an instance may set its own.
    maxBytes: 10 * 1024 * 1024,
    formats: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
    altText: { supported: true, maxLength: 1000 },
  },
  mixedMedia: false,
  mediaRequired: false,
  mediaByPublicUrl: false,
  threads: false,
  firstComment: false,
  asyncPublish: false,
  idempotencyKey: false,
  tokens: { expires: false, revocable: true },
  reconcile: 'best-effort',
  metrics: ['likes', 'comments'],
}

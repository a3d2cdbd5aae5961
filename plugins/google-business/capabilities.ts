import type { Capabilities } from '#sdk'

/**
 * What a local post takes (fake/spec/SOURCE.md): a summary of up to 1500 characters and one
 * photo, fetched by Google from a public URL (`sourceUrl`; JPEG or PNG, 10 KB–5 MB by Google's
 * photo guidelines). No alt text. Per-post insights (`localPosts.reportInsights`) were retired
 * by Google: no statistics. A location's posts are listed back, but the listing's order and
 * delay are not documented, so not finding a post there is no proof.
 */
export const googleBusinessCapabilities: Capabilities = {
  text: { limit: 1500, counter: { id: 'utf16' }, optionalWithMedia: true },
  images: {
    max: 1,
    maxBytes: 5 * 1024 * 1024,
    minBytes: 10 * 1024,
    formats: ['image/jpeg', 'image/png'],
    altText: { supported: false },
  },
  mixedMedia: false,
  mediaRequired: false,
  mediaByPublicUrl: true,
  threads: false,
  firstComment: false,
  asyncPublish: false,
  idempotencyKey: false,
  tokens: { expires: true, revocable: true },
  reconcile: 'best-effort',
  stats: false,
  metrics: [],
}

import type { Capabilities } from '#sdk'

/**
 * Pinterest's limits from its OpenAPI document (v5.23.0, fake/spec): description ≤ 800,
 * title ≤ 100, alt_text ≤ 500, link ≤ 2048, 2–5 images in multiple_image_urls, base64 images
 * JPEG or PNG. Video size and duration are not in the spec ("(u)"): `publish` checks them
 * against the settings `videoMaxBytes` / `videoMinSeconds` / `videoMaxSeconds`, which default
 * to the figures of Pinterest's help pages (2 GB, 4 s – 15 min), unconfirmed.
 */
export const VIDEO_DEFAULTS = {
  videoMaxBytes: 2 * 1024 ** 3,
  videoMinSeconds: 4,
  videoMaxSeconds: 15 * 60,
}

export const pinterestCapabilities: Capabilities = {
  // The post text is the Pin's description.
  text: { limit: 800, counter: { id: 'utf16' }, optionalWithMedia: true },
  images: {
    max: 5,
    formats: ['image/jpeg', 'image/png'],
    // One alt_text per Pin: a carousel's alt texts are joined into it (see publish.ts).
    // One alt text per Pin: a carousel's alt texts are joined into it.
    altText: { supported: true, maxLength: 500, perPost: true },
  },
  video: { max: 1, formats: ['video/mp4', 'video/quicktime'] },
  mixedMedia: false,
  mediaRequired: true,
  mediaByPublicUrl: true,
  threads: false,
  firstComment: false,
  asyncPublish: true,
  idempotencyKey: false,
  revocable: true,
  metrics: ['views', 'saves', 'clicks', 'likes', 'comments'],
}

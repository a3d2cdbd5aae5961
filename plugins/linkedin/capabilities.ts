import type { Capabilities } from '#sdk'

/**
 * LinkedIn's limits (../shared/provider-specs/linkedin/FLOW.md). The video numbers come from
 * third-party mirrors of LinkedIn's page, so `publish` re-checks them against the settings
 * `videoMinSeconds`, `videoMaxSeconds` and `videoMaxBytes` (these defaults unless configured).
 */
export const VIDEO_DEFAULTS = {
  videoMinSeconds: 3,
  videoMaxSeconds: 30 * 60,
  videoMaxBytes: 500 * 1024 * 1024,
}

export const linkedinCapabilities: Capabilities = {
  text: { limit: 3000, counter: { id: 'utf16' }, optionalWithMedia: true },
  images: {
    // multiImage takes 2–20 images; a single image goes in content.media.
    max: 20,
    formats: ['image/jpeg', 'image/png', 'image/gif'],
    altText: { supported: true },
  },
  video: {
    max: 1,
    maxBytes: VIDEO_DEFAULTS.videoMaxBytes,
    formats: ['video/mp4'],
    minSeconds: VIDEO_DEFAULTS.videoMinSeconds,
    maxSeconds: VIDEO_DEFAULTS.videoMaxSeconds,
    aspectRatio: { min: 1 / 2.4, max: 2.4 },
  },
  mixedMedia: false,
  mediaRequired: false,
  mediaByPublicUrl: false,
  // One comment under the post with one image at most (Comments API `content`). 1,250
  // characters is LinkedIn's comment limit as client libraries give it; FLOW.md names none (u).
  firstComment: { maxLength: 1250, media: 1 },
  // A video must be AVAILABLE before the post is created: publish may hand back `pending`.
  asyncPublish: true,
  idempotencyKey: false,
  revocable: true,
  // A repeated text is refused as a duplicate (422 DUPLICATE_POST).
  refusesDuplicateText: true,
  metrics: ['views', 'likes', 'comments', 'shares', 'reach', 'clicks'],
}

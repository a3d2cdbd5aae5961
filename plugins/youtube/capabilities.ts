import type { Capabilities } from '#sdk'

/**
 * YouTube's limits (FLOW.md). The description is the post text: ≤ 5000 UTF-8 bytes. 256 GB is
 * official; the length cap is not ("(u)": 15 min for unverified channels, 12 h for verified), so
 * `publish` checks the `videoMaxSeconds` setting (12 h unless configured) as well.
 */
export const VIDEO_DEFAULTS = { videoMaxSeconds: 12 * 3600 }

export const youtubeCapabilities: Capabilities = {
  text: { limit: 5000, counter: { id: 'utf8_bytes' }, optionalWithMedia: true },
  video: {
    max: 1,
    maxBytes: 256 * 1024 ** 3,
    formats: [
      'video/mp4',
      'video/quicktime',
      'video/webm',
      'video/x-msvideo',
      'video/mpeg',
      'video/x-matroska',
      'video/3gpp',
    ],
    maxSeconds: VIDEO_DEFAULTS.videoMaxSeconds,
  },
  mixedMedia: false,
  mediaRequired: true,
  mediaByPublicUrl: false,
  // commentThreads.insert: a text-only top-level comment. YouTube refuses long ones
  // (commentTextTooLong) at 10,000 characters, a figure not in the document (u); counted here in
  // UTF-8 bytes like the description, which is never more lenient than characters.
  firstComment: { maxLength: 10_000, media: 0 },
  asyncPublish: true,
  idempotencyKey: false,
  revocable: true,
  metrics: ['views', 'likes', 'comments'],
}

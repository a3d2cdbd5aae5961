import type { Capabilities, PostDraft, PostIssue } from '#sdk'

/** X's published limits (xdevplatform/docs, see fake/spec/SOURCE.md); Premium accounts may get more. */
export const xCapabilities: Capabilities = {
  text: { limit: 280, counter: { id: 'x_weighted' }, optionalWithMedia: true },
  images: {
    max: 4,
    maxBytes: 5 * 1024 * 1024,
    // X's media best practices: photos up to 5 MB, animated GIFs up to 15 MB.
    maxBytesByFormat: { 'image/gif': 15 * 1024 * 1024 },
    formats: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
    altText: { supported: true, maxLength: 1000 },
  },
  video: {
    max: 1,
    maxBytes: 512 * 1024 * 1024,
    // MP4 and MOV (X's media best practices); both go up as tweet_video.
    formats: ['video/mp4', 'video/quicktime'],
    minSeconds: 0.5,
    maxSeconds: 140,
    maxWidth: 1280,
    maxHeight: 1024,
    aspectRatio: { min: 1 / 3, max: 3 },
  },
  mixedMedia: false,
  mediaRequired: false,
  mediaByPublicUrl: false,
  // A thread is the author's replies to their own posts; X's composer stops at 25 posts.
  thread: { maxParts: 24, mediaPerPart: 4 },
  firstComment: false,
  // Only a video (or GIF) still processing after the inline wait yields `pending`.
  asyncPublish: true,
  idempotencyKey: false,
  // The lookup reads every page of the account's posts of the last hour: once X's timeline has
  // caught up with its writes, "not found" means never made, and publishing again is safe.
  reconcile: 'authoritative',
  // X publishes no figure for the timeline's lag behind a write; it is seconds in practice. The
  // app looks again after this long before it publishes again (and X would refuse an exact
  // duplicate text with 403 anyway).
  readAfterWriteSeconds: 5,
  revocable: true,
  // "Status is a duplicate" (403, code 187) for a repeated text.
  refusesDuplicateText: true,
  metrics: ['views', 'likes', 'comments', 'shares', 'quotes', 'saves'],
}

/** X takes up to 4 photos, or exactly one GIF: a GIF cannot share a post with other images. */
export function validateXPost(post: PostDraft<unknown>): PostIssue[] {
  const images = post.media.filter((item) => item.kind === 'image')
  const hasGif = images.some((item) => item.mimeType === 'image/gif')
  return hasGif && images.length > 1
    ? [{ code: 'too_many_images', params: { count: images.length, max: 1 } }]
    : []
}

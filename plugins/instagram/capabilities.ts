import type { Capabilities, PostDraft, PostIssue } from '#sdk'

export const MAX_CAROUSEL_ITEMS = 10
const MAX_HASHTAGS = 30
const MAX_MENTIONS = 20

/** Official limits from the IG User /media reference (instagram/FLOW.md "Limits"). */
export const instagramCapabilities: Capabilities = {
  text: { limit: 2200, counter: { id: 'utf16' }, optionalWithMedia: true },
  images: {
    max: MAX_CAROUSEL_ITEMS,
    maxBytes: 8 * 1024 * 1024,
    // JPEG only: the app's per-network variant converts other formats.
    formats: ['image/jpeg'],
    aspectRatio: { min: 4 / 5, max: 1.91 },
    altText: { supported: true },
  },
  video: {
    // A Reel alone, or videos inside a carousel (the 10-item total is checked in validate).
    max: MAX_CAROUSEL_ITEMS,
    // 300 MB per the reference; one mirror says 1 GB.
    maxBytes: 300 * 1024 * 1024,
    formats: ['video/mp4', 'video/quicktime'],
    minSeconds: 3,
    maxSeconds: 15 * 60,
    maxWidth: 1920,
  },
  mixedMedia: true,
  mediaRequired: true,
  mediaByPublicUrl: true,
  hashtags: { max: MAX_HASHTAGS },
  // A comment is text only (the IGMedia comments edge takes `message` alone); Instagram gives
  // no length of its own for comments: the caption's 2,200 is what its composer enforces.
  firstComment: { maxLength: 2200, media: 0 },
  asyncPublish: true,
  idempotencyKey: false,
  revocable: true,
  metrics: ['views', 'reach', 'likes', 'comments', 'shares', 'saves'],
}

const HASHTAG = /(^|[^\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu
const MENTION = /(^|[^\p{L}\p{N}_.])@[\p{L}\p{N}_.]+/gu

/**
 * Instagram's own rules on top of the generic checks: ≤ 30 hashtags and ≤ 20 @mentions in the
 * caption, ≤ 10 carousel items in total. The SDK has no issue codes for hashtags or mentions
 * yet: they are reported as `text_too_long` with `what` naming the rule.
 */
export function validateInstagramPost(post: PostDraft<unknown>): PostIssue[] {
  const issues: PostIssue[] = []
  const hashtags = [...post.text.matchAll(HASHTAG)].length
  const mentions = [...post.text.matchAll(MENTION)].length
  if (hashtags > MAX_HASHTAGS)
    issues.push({
      code: 'text_too_long',
      params: { what: 'hashtags', length: hashtags, limit: MAX_HASHTAGS },
    })
  if (mentions > MAX_MENTIONS)
    issues.push({
      code: 'text_too_long',
      params: { what: 'mentions', length: mentions, limit: MAX_MENTIONS },
    })
  const images = post.media.filter((item) => item.kind === 'image').length
  // The generic checks already flag images (or videos) alone beyond 10; this is the mixed total.
  if (
    post.media.length > MAX_CAROUSEL_ITEMS &&
    images <= MAX_CAROUSEL_ITEMS &&
    post.media.length - images <= MAX_CAROUSEL_ITEMS
  ) {
    issues.push({
      code: 'too_many_images',
      params: { count: post.media.length, max: MAX_CAROUSEL_ITEMS },
    })
  }
  return issues
}

import { countGraphemes, type Capabilities, type PostDraft, type PostIssue } from '#sdk'
import { countThreadsText } from './text.js'

export const TEXT_LIMIT = 500
export const MAX_CAROUSEL_ITEMS = 20

/** threads/FLOW.md "Limits" (carousel upper bound and image ratio unverified there). */
export const threadsCapabilities: Capabilities = {
  // The SDK has no Threads counter yet: graphemes give the composer a lower bound, validate() the exact count.
  text: { limit: TEXT_LIMIT, counter: { id: 'graphemes' }, optionalWithMedia: true },
  images: {
    max: MAX_CAROUSEL_ITEMS,
    maxBytes: 8 * 1024 * 1024,
    formats: ['image/jpeg', 'image/png'],
    aspectRatio: { min: 1 / 10, max: 10 },
    altText: { supported: true },
  },
  video: {
    max: MAX_CAROUSEL_ITEMS,
    maxBytes: 1024 * 1024 * 1024,
    formats: ['video/mp4', 'video/quicktime'],
    maxSeconds: 5 * 60,
    maxWidth: 1920,
  },
  mixedMedia: true,
  mediaRequired: false,
  mediaByPublicUrl: true,
  // A thread is a chain of the profile's own replies (reply_to_id on the container).
  thread: { maxParts: 24, mediaPerPart: MAX_CAROUSEL_ITEMS },
  firstComment: false,
  asyncPublish: true,
  idempotencyKey: false,
  // No revocation endpoint is documented: users remove the app in their Threads settings.
  revocable: false,
  metrics: ['views', 'likes', 'comments', 'shares', 'quotes'],
}

/**
 * The exact Threads length (emoji = UTF-8 bytes), when the generic grapheme count did not
 * already flag the text; and the 20-item total of a mixed carousel.
 */
export function validateThreadsPost(post: PostDraft<unknown>): PostIssue[] {
  const issues: PostIssue[] = []
  const length = countThreadsText(post.text)
  if (length > TEXT_LIMIT && countGraphemes(post.text) <= TEXT_LIMIT)
    issues.push({ code: 'text_too_long', params: { length, limit: TEXT_LIMIT } })
  const images = post.media.filter((item) => item.kind === 'image').length
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

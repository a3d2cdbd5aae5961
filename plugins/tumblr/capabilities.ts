import type { Capabilities, PostDraft, PostIssue } from '#sdk'

/** NPF: a text block (one paragraph) holds at most 4096 Unicode code points. */
export const PARAGRAPH_LIMIT = 4096

/**
 * What an NPF post takes (fake/spec/npf-spec.subset.md, "Post Content Limits"): paragraphs of up
 * to 4096 code points each (one text block per line) within a 1 MB post; up to 30 image blocks
 * with alt text of 4096 characters; one uploaded video. The API description gives no file
 * sizes: the ceilings below are conservative. Notes (likes, reblogs) are read back; an access
 * token lasts 42 minutes and is refreshed; Tumblr has no revocation endpoint. The blog's post
 * list is read newest first, but it shows only published posts at the user's publish time.
 */
export const tumblrCapabilities: Capabilities = {
  text: { limit: 100_000, counter: { id: 'utf16' }, optionalWithMedia: true },
  images: {
    max: 30,
    maxBytes: 10 * 1024 * 1024,
    formats: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
    altText: { supported: true, maxLength: 4096 },
  },
  video: { max: 1, maxBytes: 100 * 1024 * 1024, formats: ['video/mp4'], maxSeconds: 600 },
  mixedMedia: true,
  mediaRequired: false,
  mediaByPublicUrl: false,
  threads: false,
  firstComment: false,
  asyncPublish: false,
  idempotencyKey: false,
  tokens: { expires: true, revocable: false },
  reconcile: 'best-effort',
  metrics: ['likes', 'shares'],
}

/** Each line becomes a text block, which may not exceed 4096 code points. */
export function validateTumblrPost(post: PostDraft<unknown>): PostIssue[] {
  const longest = Math.max(0, ...post.text.split('\n').map((line) => [...line].length))
  return longest > PARAGRAPH_LIMIT
    ? [{ code: 'text_too_long', params: { length: longest, limit: PARAGRAPH_LIMIT } }]
    : []
}

import type { Capabilities, PostDraft, PostIssue } from '#sdk'

/** Facebook Page posts (FLOW.md "Limits"; most are Meta's unverified figures, marked (u) there). */
export const facebookCapabilities: Capabilities = {
  // ~63,206 characters (u); Meta counts UTF-16 code units in practice.
  text: { limit: 63206, counter: { id: 'utf16' }, optionalWithMedia: true },
  images: {
    // attached_media has no documented ceiling; Facebook's own composer stops at 10 + albums beyond.
    max: 10,
    maxBytes: 4 * 1024 * 1024,
    formats: ['image/jpeg', 'image/png', 'image/gif', 'image/bmp', 'image/tiff'],
    altText: { supported: true },
  },
  video: {
    max: 1,
    maxBytes: 10 * 1024 * 1024 * 1024,
    formats: ['video/mp4', 'video/quicktime'],
    maxSeconds: 240 * 60,
  },
  mixedMedia: false,
  mediaRequired: false,
  mediaByPublicUrl: false,
  // One comment under the post with one photo at most (the PagePost comments edge takes one
  // attachment). 8,000 characters is Facebook's comment box, not in FLOW.md (u).
  firstComment: { maxLength: 8000, media: 1 },
  // A Page video finishes processing after the upload: `pending` until its status says ready.
  asyncPublish: true,
  idempotencyKey: false,
  revocable: true,
  metrics: ['views', 'reach', 'likes', 'comments', 'shares'],
}

/** A link post cannot also carry photos or a video (Graph ignores `link` next to attached_media). */
export function validateFacebookPost(post: PostDraft<unknown>): PostIssue[] {
  const link = (post.options as { link?: string } | undefined)?.link
  if (!link) return []
  if (post.media.length) return [{ code: 'option_invalid', params: { option: 'link' } }]
  return /^https?:\/\/\S+$/i.test(link)
    ? []
    : [{ code: 'option_invalid', params: { option: 'link' } }]
}

import type { Capabilities, PostDraft, PostIssue } from '#sdk'

/** With images the text goes in a section block, whose text Slack caps at 3000 characters. */
export const SECTION_LIMIT = 3000

/**
 * What a Slack message takes (fake/spec/SOURCE.md): text of up to 4000 characters (Slack's
 * advice; longer is truncated), images uploaded as files and shown in image blocks with alt
 * text (at most 1000 characters for the file, 2000 for the block). No video in a message the
 * app can point to. Reactions and replies are read back; the channel's history is listed, but
 * a busy channel may push a post out of the page read, so not finding it is no proof.
 */
export const slackCapabilities: Capabilities = {
  text: { limit: 4000, counter: { id: 'utf16' }, optionalWithMedia: true },
  images: {
    max: 10,
    maxBytes: 50 * 1024 * 1024,
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

export function validateSlackPost(post: PostDraft<unknown>): PostIssue[] {
  if (!post.media.length || post.text.length <= SECTION_LIMIT) return []
  return [{ code: 'text_too_long', params: { length: post.text.length, limit: SECTION_LIMIT } }]
}

import type { Capabilities, PostDraft, PostIssue } from '#sdk'

/** A caption (text under a photo, a video or an album) is shorter than a message. */
export const CAPTION_LIMIT = 1024

/**
 * What a bot may post to a channel or group (core.telegram.org/bots/api, see fake/spec/SOURCE.md):
 * messages of 1–4096 characters; photos up to 10 MB and files up to 50 MB uploaded by a bot;
 * albums of 2–10 photos and videos, mixed. No alt text. Bots read no statistics and cannot
 * list a chat's history, and a bot token lasts until the owner revokes it in @BotFather.
 */
export const telegramCapabilities: Capabilities = {
  text: { limit: 4096, counter: { id: 'utf16' }, optionalWithMedia: true },
  images: {
    max: 10,
    maxBytes: 10 * 1024 * 1024,
    formats: ['image/jpeg', 'image/png', 'image/webp'],
    altText: { supported: false },
  },
  video: { max: 10, maxBytes: 50 * 1024 * 1024, formats: ['video/mp4'] },
  attachments: { max: 10 },
  mixedMedia: true,
  mediaRequired: false,
  mediaByPublicUrl: false,
  threads: false,
  firstComment: false,
  asyncPublish: false,
  idempotencyKey: false,
  tokens: { expires: false, revocable: false },
  // A bot cannot read a channel's history: an unanswered send cannot be looked up.
  reconcile: false,
  // Bots get no view or reaction counts for channel posts.
  stats: false,
  metrics: [],
}

/** With media the text becomes a caption, limited to 1024 characters. */
export function validateTelegramPost(post: PostDraft<unknown>): PostIssue[] {
  if (!post.media.length || post.text.length <= CAPTION_LIMIT) return []
  return [{ code: 'text_too_long', params: { length: post.text.length, limit: CAPTION_LIMIT } }]
}

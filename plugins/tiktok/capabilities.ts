import type { Capabilities, PostDraft, PostIssue } from '#sdk'
import { PRIVACY_LEVELS, type TikTokOptions } from './options.js'
import { TIKTOK_DEFAULT_LIMITS as L } from './settings.js'

/**
 * TikTok's limits (provider-specs/tiktok/FLOW.md). Values marked (u) there are the defaults of
 * settings.limits and are enforced again at publish time with the configured values; the
 * creator's own max_video_post_duration_sec is only known from creator_info, at publish time.
 */
export const tiktokCapabilities: Capabilities = {
  // Video captions are the tighter of the two text limits (photo descriptions allow 4000).
  text: { limit: L.captionMaxLength, counter: { id: 'utf16' }, optionalWithMedia: true },
  images: {
    max: 35,
    maxBytes: 20 * 1024 * 1024,
    formats: ['image/jpeg', 'image/webp'],
    altText: { supported: false },
  },
  video: {
    max: 1,
    maxBytes: L.videoMaxBytes,
    formats: ['video/mp4', 'video/quicktime', 'video/webm'],
    // The usual creator ceiling; the creator's own value is checked at publish time.
    maxSeconds: 600,
  },
  mixedMedia: false,
  mediaRequired: true,
  // Photos can only be pulled from a URL; videos are uploaded in chunks (FILE_UPLOAD) either way.
  mediaByPublicUrl: true,
  threads: false,
  firstComment: false,
  asyncPublish: true,
  idempotencyKey: false,
  revocable: true,
  metrics: ['views', 'likes', 'comments', 'shares'],
}

/** Privacy is required for direct posts only: drafts sent to the inbox get it in the TikTok app. */
export function validateTikTokPost(post: PostDraft<TikTokOptions>): PostIssue[] {
  const options = (post.options ?? {}) as TikTokOptions
  const issues: PostIssue[] = []
  if (!options.sendToInbox && !options.privacyLevel)
    issues.push({ code: 'option_required', params: { option: 'privacyLevel' } })
  if (options.privacyLevel && !PRIVACY_LEVELS.includes(options.privacyLevel))
    issues.push({ code: 'option_invalid', params: { option: 'privacyLevel' } })
  return issues
}

import { imageMaxBytes, type Capabilities } from './capabilities.js'
import type { PostDraft } from './contract.js'
import { countText, countUtf8Bytes } from './text_counters.js'

/** A problem with a post for one network; `code` is translated by the UI with `params`. */
export interface PostIssue {
  code:
    | 'text_required'
    | 'text_too_long'
    | 'text_too_many_bytes'
    | 'media_required'
    | 'too_many_images'
    | 'too_many_videos'
    | 'too_many_attachments'
    | 'images_not_supported'
    | 'video_not_supported'
    | 'mixed_media_not_allowed'
    | 'media_too_large'
    | 'media_too_small'
    | 'media_format_not_supported'
    | 'video_too_short'
    | 'video_too_long'
    | 'aspect_ratio_out_of_range'
    | 'alt_text_too_long'
    | 'option_required'
    | 'option_invalid'
    /** Follow-up parts (sdk/parts.ts). */
    | 'thread_not_supported'
    | 'first_comment_not_supported'
    | 'too_many_parts'
  params?: Record<string, string | number>
}

/**
 * The generic checks every network gets from its capabilities, run before any
 * request is made (and, with the same code, live in the composer).
 */
export function validateAgainstCapabilities(
  capabilities: Capabilities,
  post: PostDraft<unknown>
): PostIssue[] {
  const issues: PostIssue[] = []
  const { text } = capabilities
  const images = post.media.filter((m) => m.kind === 'image')
  const videos = post.media.filter((m) => m.kind === 'video')

  if (!post.text.trim() && !(text.optionalWithMedia && post.media.length))
    issues.push({ code: 'text_required' })
  const length = countText(post.text, text.counter)
  if (length > text.limit)
    issues.push({ code: 'text_too_long', params: { length, limit: text.limit } })
  if (text.limitBytes && countUtf8Bytes(post.text) > text.limitBytes) {
    issues.push({ code: 'text_too_many_bytes', params: { limit: text.limitBytes } })
  }
  if (capabilities.mediaRequired && !post.media.length) issues.push({ code: 'media_required' })
  const total = capabilities.attachments?.max
  if (total !== undefined && post.media.length > total)
    issues.push({ code: 'too_many_attachments', params: { count: post.media.length, max: total } })
  if (images.length && videos.length && !capabilities.mixedMedia)
    issues.push({ code: 'mixed_media_not_allowed' })

  if (images.length) {
    const rules = capabilities.images
    if (!rules) issues.push({ code: 'images_not_supported' })
    else {
      if (images.length > rules.max)
        issues.push({ code: 'too_many_images', params: { count: images.length, max: rules.max } })
      for (const image of images) {
        const maxBytes = imageMaxBytes(rules, image.mimeType)
        if (maxBytes && image.bytes > maxBytes)
          issues.push({ code: 'media_too_large', params: { max: maxBytes } })
        if (rules.minBytes && image.bytes < rules.minBytes)
          issues.push({ code: 'media_too_small', params: { min: rules.minBytes } })
        if (!rules.formats.includes(image.mimeType))
          issues.push({ code: 'media_format_not_supported', params: { format: image.mimeType } })
        const ratio = image.width && image.height ? image.width / image.height : null
        if (
          ratio &&
          rules.aspectRatio &&
          (ratio < rules.aspectRatio.min || ratio > rules.aspectRatio.max)
        ) {
          issues.push({
            code: 'aspect_ratio_out_of_range',
            params: { min: rules.aspectRatio.min, max: rules.aspectRatio.max },
          })
        }
        const altMax = rules.altText?.maxLength
        if (altMax && (image.altText?.length ?? 0) > altMax)
          issues.push({ code: 'alt_text_too_long', params: { max: altMax } })
      }
    }
  }

  if (videos.length) {
    const rules = capabilities.video
    if (!rules) issues.push({ code: 'video_not_supported' })
    else {
      if (videos.length > rules.max)
        issues.push({ code: 'too_many_videos', params: { count: videos.length, max: rules.max } })
      for (const video of videos) {
        if (rules.maxBytes && video.bytes > rules.maxBytes)
          issues.push({ code: 'media_too_large', params: { max: rules.maxBytes } })
        if (!rules.formats.includes(video.mimeType))
          issues.push({ code: 'media_format_not_supported', params: { format: video.mimeType } })
        const seconds = video.durationSeconds
        if (seconds !== undefined && rules.minSeconds !== undefined && seconds < rules.minSeconds) {
          issues.push({ code: 'video_too_short', params: { min: rules.minSeconds } })
        }
        if (seconds !== undefined && rules.maxSeconds !== undefined && seconds > rules.maxSeconds) {
          issues.push({ code: 'video_too_long', params: { max: rules.maxSeconds } })
        }
      }
    }
  }
  return issues
}

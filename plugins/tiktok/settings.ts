import type { PluginSettings } from '#sdk'

/**
 * Values TikTok does not confirm officially ("(u)" in provider-specs): config may override
 * each one under the plugin's settings without a code change.
 */
export const TIKTOK_DEFAULT_LIMITS = {
  /** Video caption (post_info.title), UTF-16 units (u). */
  captionMaxLength: 2200,
  /** Photo post title (u). */
  photoTitleMaxLength: 90,
  /** Photo post description (u). */
  photoDescriptionMaxLength: 4000,
  /** Video file size (u). */
  videoMaxBytes: 4 * 1024 ** 3,
  /** Bytes per uploaded chunk: TikTok takes 5–64 MB chunks. */
  chunkBytes: 10 * 1024 * 1024,
  /** Seconds between status polls while TikTok processes a publish. */
  statusCheckAfterSeconds: 5,
  /** How long a public post may sit in moderation without an id before we settle for the publish id. */
  moderationWaitSeconds: 6 * 3600,
  /** Wait after TikTok's daily API post cap (spam_risk) is hit; the cap's size is unpublished (u). */
  dailyCapRetrySeconds: 3600,
}

export type TikTokLimits = typeof TIKTOK_DEFAULT_LIMITS

export function limitsOf(settings: PluginSettings): TikTokLimits {
  const overrides = (settings.limits ?? {}) as Partial<Record<keyof TikTokLimits, unknown>>
  const limits = { ...TIKTOK_DEFAULT_LIMITS }
  for (const key of Object.keys(limits) as (keyof TikTokLimits)[]) {
    const value = Number(overrides[key])
    if (overrides[key] !== undefined && Number.isFinite(value) && value >= 0) limits[key] = value
  }
  return limits
}

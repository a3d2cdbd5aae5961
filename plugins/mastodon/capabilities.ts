import type { AccountProfile, Capabilities } from '#sdk'

/** Mastodon's defaults (from its source); each instance may change them, see `capabilitiesFor`. */
export const mastodonCapabilities: Capabilities = {
  text: { limit: 500, counter: { id: 'url_reserved', urlLength: 23 }, optionalWithMedia: true },
  images: {
    max: 4,
    maxBytes: 16 * 1024 * 1024,
    formats: ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif'],
    altText: { supported: true, maxLength: 1500 },
  },
  video: {
    max: 1,
    maxBytes: 99 * 1024 * 1024,
    formats: ['video/mp4', 'video/webm', 'video/quicktime'],
    maxWidth: 3840,
    maxHeight: 2160,
  },
  mixedMedia: false,
  mediaRequired: false,
  mediaByPublicUrl: false,
  // A thread is a chain of the account's own replies (in_reply_to_id); Mastodon sets no length.
  thread: { maxParts: 24, mediaPerPart: 4 },
  firstComment: false,
  asyncPublish: false,
  idempotencyKey: true,
  // The lookup lists the account's own statuses on its instance, which sees every one at once.
  reconcile: 'authoritative',
  revocable: true,
  metrics: ['likes', 'shares', 'comments', 'quotes'],
}

/** The instance's own limits, read at connect time from /api/v2/instance and kept in the profile meta. */
export function instanceCapabilities(account: AccountProfile): Capabilities {
  const meta = account.meta ?? {}
  const number = (key: string) =>
    typeof meta[key] === 'number' ? (meta[key] as number) : undefined
  const base = mastodonCapabilities
  return {
    ...base,
    text: {
      ...base.text,
      limit: number('maxCharacters') ?? base.text.limit,
      counter: { id: 'url_reserved', urlLength: number('charactersReservedPerUrl') ?? 23 },
    },
    images: {
      ...base.images!,
      max: number('maxMediaAttachments') ?? base.images!.max,
      maxBytes: number('imageSizeLimit') ?? base.images!.maxBytes,
      altText: {
        supported: true,
        maxLength: number('descriptionLimit') ?? base.images!.altText!.maxLength,
      },
    },
    video: { ...base.video!, maxBytes: number('videoSizeLimit') ?? base.video!.maxBytes },
  }
}

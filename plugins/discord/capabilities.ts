import type { Capabilities } from '#sdk'

/**
 * What a Discord webhook message takes (discord.com/developers/docs, fake/spec/SOURCE.md):
 * 2000 characters of content; up to 10 attachments of 10 MB each (a server without boosts),
 * images and videos mixed, each with a description (alt text) of up to 1024 characters.
 * A webhook can read back a message it sent (its reactions are the only figures), but cannot
 * list the channel, so an unanswered send cannot be looked up; its URL never expires, and
 * deleting the webhook is the user's call, not a revocation.
 */
export const discordCapabilities: Capabilities = {
  text: { limit: 2000, counter: { id: 'utf16' }, optionalWithMedia: true },
  images: {
    max: 10,
    maxBytes: 10 * 1024 * 1024,
    formats: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
    altText: { supported: true, maxLength: 1024 },
  },
  video: { max: 10, maxBytes: 10 * 1024 * 1024, formats: ['video/mp4', 'video/webm'] },
  attachments: { max: 10 },
  mixedMedia: true,
  mediaRequired: false,
  mediaByPublicUrl: false,
  threads: false,
  firstComment: false,
  asyncPublish: false,
  idempotencyKey: false,
  tokens: { expires: false, revocable: false },
  reconcile: false,
  metrics: ['likes'],
}

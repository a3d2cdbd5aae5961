import type { OptionField } from '#sdk'

export interface InstagramOptions {
  /** Reels also appear in the profile grid (`share_to_feed`); on by default. */
  shareToFeed?: boolean
}

export const instagramOptionFields: OptionField[] = [
  {
    name: 'shareToFeed',
    kind: 'boolean',
    label: { en: 'Also show the Reel in the feed', fr: 'Afficher aussi le Reel dans le fil' },
    required: false,
    default: true,
  },
]

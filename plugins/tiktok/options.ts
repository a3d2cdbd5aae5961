import type { OptionField } from '#sdk'
import { TIKTOK_DEFAULT_LIMITS } from './settings.js'

export const PRIVACY_LEVELS = [
  'PUBLIC_TO_EVERYONE',
  'MUTUAL_FOLLOW_FRIENDS',
  'FOLLOWER_OF_CREATOR',
  'SELF_ONLY',
] as const
export type PrivacyLevel = (typeof PRIVACY_LEVELS)[number]

export interface TikTokOptions {
  /** One of the levels creator_info offers this creator; required unless `sendToInbox`. No default, per TikTok's UX rules. */
  privacyLevel?: PrivacyLevel
  disableComment?: boolean
  disableDuet?: boolean
  disableStitch?: boolean
  /** Draft mode: upload to the creator's TikTok inbox, where they finish and post it themselves. */
  sendToInbox?: boolean
  /** Photo posts only: the short title shown above the description. */
  photoTitle?: string
  /** Photo posts only: let TikTok add background music. */
  autoAddMusic?: boolean
}

/** The words TikTok's own app uses for each level (its UX guidelines ask integrators to match them). */
export const PRIVACY_LABELS: Record<PrivacyLevel, string> = {
  PUBLIC_TO_EVERYONE: 'Everyone',
  MUTUAL_FOLLOW_FRIENDS: 'Friends',
  FOLLOWER_OF_CREATOR: 'Followers',
  SELF_ONLY: 'Only me',
}

/**
 * `privacyLevel` is marked optional here because inbox drafts do not take it; `validate`
 * reports it as required for direct posts. Its choices are the levels creator_info offers
 * this creator (an unaudited app gets only "Only me"), read through `optionChoices`.
 */
export const tiktokOptionFields: OptionField[] = [
  {
    name: 'privacyLevel',
    kind: 'select',
    label: { en: 'Who can view this video', fr: 'Qui peut voir cette vidéo' },
    required: false,
    choices: [],
    source: 'account',
  },
  {
    name: 'disableComment',
    kind: 'boolean',
    label: { en: 'Turn off comments', fr: 'Désactiver les commentaires' },
    required: false,
    default: false,
  },
  {
    name: 'disableDuet',
    kind: 'boolean',
    label: { en: 'Turn off Duet', fr: 'Désactiver Duo' },
    required: false,
    default: false,
  },
  {
    name: 'disableStitch',
    kind: 'boolean',
    label: { en: 'Turn off Stitch', fr: 'Désactiver Collage' },
    required: false,
    default: false,
  },
  {
    name: 'sendToInbox',
    kind: 'boolean',
    label: {
      en: 'Send to the TikTok inbox as a draft',
      fr: 'Envoyer en brouillon dans la boîte de réception TikTok',
    },
    required: false,
    default: false,
  },
  {
    name: 'photoTitle',
    kind: 'text',
    label: { en: 'Photo post title', fr: 'Titre de la publication photo' },
    required: false,
    maxLength: TIKTOK_DEFAULT_LIMITS.photoTitleMaxLength,
  },
  {
    name: 'autoAddMusic',
    kind: 'boolean',
    label: { en: 'Add music to photo posts', fr: 'Ajouter de la musique aux publications photo' },
    required: false,
    default: false,
  },
]

import type { OptionField } from '#sdk'

export interface MastodonOptions {
  visibility?: 'public' | 'unlisted' | 'private'
  spoilerText?: string
  language?: string
}

export const mastodonOptionFields: OptionField[] = [
  {
    name: 'visibility',
    kind: 'select',
    label: { en: 'Visibility', fr: 'Visibilité' },
    required: false,
    default: 'public',
    choices: [
      { value: 'public', label: { en: 'Public', fr: 'Public' } },
      { value: 'unlisted', label: { en: 'Unlisted', fr: 'Non répertorié' } },
      { value: 'private', label: { en: 'Followers only', fr: 'Abonnés uniquement' } },
    ],
  },
  {
    name: 'spoilerText',
    kind: 'text',
    label: { en: 'Content warning', fr: 'Avertissement de contenu' },
    required: false,
    maxLength: 500,
  },
  {
    name: 'language',
    kind: 'text',
    label: { en: 'Language (ISO 639-1)', fr: 'Langue (ISO 639-1)' },
    required: false,
    maxLength: 2,
  },
]

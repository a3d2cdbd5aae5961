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
    label: 'Visibility',
    required: false,
    default: 'public',
    choices: [
      { value: 'public', label: 'Public' },
      { value: 'unlisted', label: 'Unlisted' },
      { value: 'private', label: 'Followers only' },
    ],
  },
  { name: 'spoilerText', kind: 'text', label: 'Content warning', required: false, maxLength: 500 },
  { name: 'language', kind: 'text', label: 'Language (ISO 639-1)', required: false, maxLength: 2 },
]

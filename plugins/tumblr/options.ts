import type { OptionField } from '#sdk'

export interface TumblrOptions {
  /** Comma-separated, as the API takes them. */
  tags?: string
  [name: string]: unknown
}

export const tumblrOptionFields: OptionField[] = [
  {
    name: 'tags',
    kind: 'text',
    label: { en: 'Tags (comma-separated)', fr: 'Tags (séparés par des virgules)' },
    required: false,
    maxLength: 1000,
  },
]

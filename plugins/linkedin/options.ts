import type { OptionField } from '#sdk'

export interface LinkedInOptions {
  /** PUBLIC (anyone), CONNECTIONS (members only: 1st-degree network) or LOGGED_IN (signed-in members). */
  visibility?: 'PUBLIC' | 'CONNECTIONS' | 'LOGGED_IN'
  disableReshare?: boolean
}

export const linkedinOptionFields: OptionField[] = [
  {
    name: 'visibility',
    kind: 'select',
    label: { en: 'Who can see this post', fr: 'Qui peut voir cette publication' },
    required: false,
    default: 'PUBLIC',
    choices: [
      { value: 'PUBLIC', label: { en: 'Anyone', fr: 'Tout le monde' } },
      {
        value: 'CONNECTIONS',
        label: { en: 'Connections only (members)', fr: 'Relations uniquement (membres)' },
      },
      {
        value: 'LOGGED_IN',
        label: { en: 'Signed-in LinkedIn members', fr: 'Membres LinkedIn connectés' },
      },
    ],
  },
  {
    name: 'disableReshare',
    kind: 'boolean',
    label: { en: 'Disable resharing', fr: 'Interdire le repartage' },
    required: false,
    default: false,
  },
]

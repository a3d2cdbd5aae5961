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
    label: 'Who can see this post',
    required: false,
    default: 'PUBLIC',
    choices: [
      { value: 'PUBLIC', label: 'Anyone' },
      { value: 'CONNECTIONS', label: 'Connections only (members)' },
      { value: 'LOGGED_IN', label: 'Signed-in LinkedIn members' },
    ],
  },
  {
    name: 'disableReshare',
    kind: 'boolean',
    label: 'Disable resharing',
    required: false,
    default: false,
  },
]

import type { OptionField } from '#sdk'

export interface ThreadsOptions {
  /** Who may reply (`reply_control`). */
  replyControl?: 'everyone' | 'accounts_you_follow' | 'mentioned_only'
}

export const threadsOptionFields: OptionField[] = [
  {
    name: 'replyControl',
    kind: 'select',
    label: { en: 'Who can reply', fr: 'Qui peut répondre' },
    required: false,
    default: 'everyone',
    choices: [
      { value: 'everyone', label: { en: 'Everyone', fr: 'Tout le monde' } },
      {
        value: 'accounts_you_follow',
        label: { en: 'Accounts you follow', fr: 'Comptes que vous suivez' },
      },
      {
        value: 'mentioned_only',
        label: { en: 'Only accounts you mention', fr: 'Uniquement les comptes mentionnés' },
      },
    ],
  },
]

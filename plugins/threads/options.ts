import type { OptionField } from '#sdk'

export interface ThreadsOptions {
  /** Who may reply (`reply_control`). */
  replyControl?: 'everyone' | 'accounts_you_follow' | 'mentioned_only'
}

export const threadsOptionFields: OptionField[] = [
  {
    name: 'replyControl',
    kind: 'select',
    label: 'Who can reply',
    required: false,
    default: 'everyone',
    choices: [
      { value: 'everyone', label: 'Everyone' },
      { value: 'accounts_you_follow', label: 'Accounts you follow' },
      { value: 'mentioned_only', label: 'Only accounts you mention' },
    ],
  },
]

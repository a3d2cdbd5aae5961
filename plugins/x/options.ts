import type { OptionField } from '#sdk'

export interface XOptions {
  /** Who may reply; `everyone` (the default) is expressed by omitting `reply_settings`. */
  replySettings?: 'everyone' | 'following' | 'mentionedUsers' | 'verified'
}

export const xOptionFields: OptionField[] = [
  {
    name: 'replySettings',
    kind: 'select',
    label: 'Who can reply',
    required: false,
    default: 'everyone',
    choices: [
      { value: 'everyone', label: 'Everyone' },
      { value: 'following', label: 'Accounts you follow' },
      { value: 'mentionedUsers', label: 'Only accounts you mention' },
      { value: 'verified', label: 'Verified accounts' },
    ],
  },
]

/** The `reply_settings` value of POST /2/tweets, or undefined for "everyone". */
export function replySettingsOf(options: XOptions | Record<string, unknown> | undefined) {
  const value = (options as XOptions | undefined)?.replySettings
  return value && value !== 'everyone' ? value : undefined
}

import type { OptionField } from '#sdk'

export interface XOptions {
  /** Who may reply; `everyone` (the default) is expressed by omitting `reply_settings`. */
  replySettings?: 'everyone' | 'following' | 'mentionedUsers' | 'verified'
}

export const xOptionFields: OptionField[] = [
  {
    name: 'replySettings',
    kind: 'select',
    label: { en: 'Who can reply', fr: 'Qui peut répondre' },
    required: false,
    default: 'everyone',
    choices: [
      { value: 'everyone', label: { en: 'Everyone', fr: 'Tout le monde' } },
      { value: 'following', label: { en: 'Accounts you follow', fr: 'Comptes que vous suivez' } },
      {
        value: 'mentionedUsers',
        label: { en: 'Only accounts you mention', fr: 'Uniquement les comptes mentionnés' },
      },
      { value: 'verified', label: { en: 'Verified accounts', fr: 'Comptes certifiés' } },
    ],
  },
]

/** The `reply_settings` value of POST /2/tweets, or undefined for "everyone". */
export function replySettingsOf(options: XOptions | Record<string, unknown> | undefined) {
  const value = (options as XOptions | undefined)?.replySettings
  return value && value !== 'everyone' ? value : undefined
}

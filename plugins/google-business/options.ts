import type { OptionField, PostDraft, PostIssue } from '#sdk'

export interface GoogleBusinessOptions {
  /** A button under the post (LocalPost `callToAction.actionType`); CALL uses the location's phone. */
  action?: string
  /** Where the button leads, for every action but CALL. */
  actionUrl?: string
  [name: string]: unknown
}

export const googleBusinessOptionFields: OptionField[] = [
  {
    name: 'action',
    kind: 'select',
    label: 'Button',
    required: false,
    choices: [
      { value: 'LEARN_MORE', label: 'Learn more' },
      { value: 'BOOK', label: 'Book' },
      { value: 'ORDER', label: 'Order online' },
      { value: 'SHOP', label: 'Buy' },
      { value: 'SIGN_UP', label: 'Sign up' },
      { value: 'CALL', label: 'Call now' },
    ],
  },
  { name: 'actionUrl', kind: 'text', label: 'Button link', required: false, maxLength: 2048 },
]

/** A button other than "Call now" needs an http(s) link. */
export function validateGoogleBusinessPost(post: PostDraft<GoogleBusinessOptions>): PostIssue[] {
  const { action, actionUrl } = post.options
  if (!action || action === 'CALL') return []
  return /^https?:\/\/\S+$/.test(String(actionUrl ?? ''))
    ? []
    : [{ code: 'option_invalid', params: { option: 'actionUrl' } }]
}

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
    label: { en: 'Button', fr: 'Bouton' },
    required: false,
    choices: [
      { value: 'LEARN_MORE', label: { en: 'Learn more', fr: 'En savoir plus' } },
      { value: 'BOOK', label: { en: 'Book', fr: 'Réserver' } },
      { value: 'ORDER', label: { en: 'Order online', fr: 'Commander en ligne' } },
      { value: 'SHOP', label: { en: 'Buy', fr: 'Acheter' } },
      { value: 'SIGN_UP', label: { en: 'Sign up', fr: 'S’inscrire' } },
      { value: 'CALL', label: { en: 'Call now', fr: 'Appeler' } },
    ],
  },
  {
    name: 'actionUrl',
    kind: 'text',
    label: { en: 'Button link', fr: 'Lien du bouton' },
    required: false,
    maxLength: 2048,
  },
]

/** A button other than "Call now" needs an http(s) link. */
export function validateGoogleBusinessPost(post: PostDraft<GoogleBusinessOptions>): PostIssue[] {
  const { action, actionUrl } = post.options
  if (!action || action === 'CALL') return []
  return /^https?:\/\/\S+$/.test(String(actionUrl ?? ''))
    ? []
    : [{ code: 'option_invalid', params: { option: 'actionUrl' } }]
}

import type { OptionField, PostDraft, PostIssue } from '#sdk'

export interface BlueskyOptions {
  /** Comma-separated language tags of the text (app.bsky.feed.post#langs, at most 3). */
  languages?: string
}

export const blueskyOptionFields: OptionField[] = [
  {
    name: 'languages',
    kind: 'text',
    label: { en: 'Languages (e.g. en, fr)', fr: 'Langues (par ex. en, fr)' },
    required: false,
    maxLength: 64,
  },
]

const LANGUAGE = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i

export function languagesOf(options: BlueskyOptions) {
  return (options.languages ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean)
}

/** The lexicon allows at most three BCP-47 language tags. */
export function validateBlueskyPost(post: PostDraft<BlueskyOptions>): PostIssue[] {
  const languages = languagesOf(post.options ?? {})
  if (languages.length > 3 || languages.some((tag) => !LANGUAGE.test(tag))) {
    return [{ code: 'option_invalid', params: { option: 'languages' } }]
  }
  return []
}

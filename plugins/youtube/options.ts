import { countUtf8Bytes, type OptionField, type PostDraft, type PostIssue } from '#sdk'

export interface YouTubeOptions {
  title?: string
  privacy?: 'public' | 'unlisted' | 'private'
  madeForKids?: boolean
  categoryId?: string
  /** Comma-separated. */
  tags?: string
  /** ISO 8601 date-time: the video is uploaded private and YouTube makes it `privacy` then. */
  publishAt?: string
}

export const youtubeOptionFields: OptionField[] = [
  {
    name: 'title',
    kind: 'text',
    label: { en: 'Title', fr: 'Titre' },
    required: true,
    maxLength: 100,
  },
  {
    name: 'privacy',
    kind: 'select',
    label: { en: 'Visibility', fr: 'Visibilité' },
    required: false,
    default: 'public',
    choices: [
      { value: 'public', label: { en: 'Public', fr: 'Public' } },
      { value: 'unlisted', label: { en: 'Unlisted', fr: 'Non répertorié' } },
      { value: 'private', label: { en: 'Private', fr: 'Privé' } },
    ],
  },
  {
    name: 'madeForKids',
    kind: 'boolean',
    label: { en: 'Made for kids', fr: 'Conçu pour les enfants' },
    required: false,
    default: false,
  },
  // The channel's region's assignable categories (categories.ts); 22 is "People & Blogs", YouTube's own default.
  {
    name: 'categoryId',
    kind: 'select',
    label: { en: 'Category', fr: 'Catégorie' },
    required: false,
    default: '22',
    choices: [],
    source: 'account',
  },
  {
    name: 'tags',
    kind: 'text',
    label: { en: 'Tags (comma-separated)', fr: 'Tags (séparés par des virgules)' },
    required: false,
  },
  {
    name: 'publishAt',
    kind: 'text',
    label: {
      en: 'Publish at (scheduled premiere time)',
      fr: 'Publier à (heure de la première programmée)',
    },
    required: false,
  },
]

export function tagsOf(options: YouTubeOptions) {
  return (options.tags ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean)
}

/** YouTube counts a tag containing a space with the quotes it adds around it. */
export function tagsLength(tags: string[]) {
  return (
    tags.reduce((sum, tag) => sum + tag.length + (tag.includes(' ') ? 2 : 0), 0) +
    Math.max(0, tags.length - 1)
  )
}

/** Rules the generic checks cannot express: no < or > in title and description, the tag budget, a valid publish time. */
export function validateVideo(post: PostDraft<YouTubeOptions>, now = Date.now()): PostIssue[] {
  const options = post.options ?? {}
  const issues: PostIssue[] = []
  if (options.title && /[<>]/.test(options.title))
    issues.push({ code: 'option_invalid', params: { option: 'title' } })
  if (/[<>]/.test(post.text))
    issues.push({ code: 'option_invalid', params: { option: 'description' } })
  if (countUtf8Bytes(post.text) > 5000)
    issues.push({ code: 'text_too_many_bytes', params: { limit: 5000 } })
  if (options.categoryId && !/^\d{1,4}$/.test(options.categoryId))
    issues.push({ code: 'option_invalid', params: { option: 'categoryId' } })
  if (tagsLength(tagsOf(options)) > 500)
    issues.push({ code: 'option_invalid', params: { option: 'tags' } })
  if (options.publishAt) {
    const at = Date.parse(options.publishAt)
    if (Number.isNaN(at) || at <= now)
      issues.push({ code: 'option_invalid', params: { option: 'publishAt' } })
  }
  return issues
}

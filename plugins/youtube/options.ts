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
  { name: 'title', kind: 'text', label: 'Title', required: true, maxLength: 100 },
  {
    name: 'privacy',
    kind: 'select',
    label: 'Visibility',
    required: false,
    default: 'public',
    choices: [
      { value: 'public', label: 'Public' },
      { value: 'unlisted', label: 'Unlisted' },
      { value: 'private', label: 'Private' },
    ],
  },
  { name: 'madeForKids', kind: 'boolean', label: 'Made for kids', required: false, default: false },
  // The channel's region's assignable categories (categories.ts); 22 is "People & Blogs", YouTube's own default.
  {
    name: 'categoryId',
    kind: 'select',
    label: 'Category',
    required: false,
    default: '22',
    choices: [],
    source: 'account',
  },
  { name: 'tags', kind: 'text', label: 'Tags (comma-separated)', required: false },
  {
    name: 'publishAt',
    kind: 'text',
    label: 'Publish at (scheduled premiere time)',
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

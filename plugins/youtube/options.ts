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

/** YouTube's assignable categories that exist in every region (videoCategories.list). */
const CATEGORIES: [string, string][] = [
  ['1', 'Film & Animation'],
  ['2', 'Autos & Vehicles'],
  ['10', 'Music'],
  ['15', 'Pets & Animals'],
  ['17', 'Sports'],
  ['19', 'Travel & Events'],
  ['20', 'Gaming'],
  ['22', 'People & Blogs'],
  ['23', 'Comedy'],
  ['24', 'Entertainment'],
  ['25', 'News & Politics'],
  ['26', 'Howto & Style'],
  ['27', 'Education'],
  ['28', 'Science & Technology'],
  ['29', 'Nonprofits & Activism'],
]

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
  { name: 'categoryId', kind: 'select', label: 'Category', required: false, default: '22', choices: CATEGORIES.map(([value, label]) => ({ value, label })) },
  { name: 'tags', kind: 'text', label: 'Tags (comma-separated)', required: false },
  { name: 'publishAt', kind: 'text', label: 'Publish at (scheduled premiere time)', required: false },
]

export function tagsOf(options: YouTubeOptions) {
  return (options.tags ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean)
}

/** YouTube counts a tag containing a space with the quotes it adds around it. */
export function tagsLength(tags: string[]) {
  return tags.reduce((sum, tag) => sum + tag.length + (tag.includes(' ') ? 2 : 0), 0) + Math.max(0, tags.length - 1)
}

/** Rules the generic checks cannot express: no < or > in title and description, the tag budget, a valid publish time. */
export function validateVideo(post: PostDraft<YouTubeOptions>, now = Date.now()): PostIssue[] {
  const options = post.options ?? {}
  const issues: PostIssue[] = []
  if (options.title && /[<>]/.test(options.title)) issues.push({ code: 'option_invalid', params: { option: 'title' } })
  if (/[<>]/.test(post.text)) issues.push({ code: 'option_invalid', params: { option: 'description' } })
  if (countUtf8Bytes(post.text) > 5000) issues.push({ code: 'text_too_many_bytes', params: { limit: 5000 } })
  if (tagsLength(tagsOf(options)) > 500) issues.push({ code: 'option_invalid', params: { option: 'tags' } })
  if (options.publishAt) {
    const at = Date.parse(options.publishAt)
    if (Number.isNaN(at) || at <= now) issues.push({ code: 'option_invalid', params: { option: 'publishAt' } })
  }
  return issues
}

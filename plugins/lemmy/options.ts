import type { OptionField, PostDraft, PostIssue } from '#sdk'

export interface LemmyOptions {
  /** The community's name (`pistache`), or `name@instance` for one of another instance. */
  community?: string
  /** A Lemmy post's title (its `name`); the post's text is its body. */
  title?: string
  nsfw?: boolean
  [name: string]: unknown
}

/** Lemmy's limit on a post's title (fake/spec/SOURCE.md). */
export const TITLE_MAX = 200

export const lemmyOptionFields: OptionField[] = [
  {
    name: 'community',
    kind: 'text',
    label: { en: 'Community', fr: 'Communauté' },
    required: true,
    maxLength: 255,
  },
  {
    name: 'title',
    kind: 'text',
    label: { en: 'Title', fr: 'Titre' },
    required: true,
    maxLength: TITLE_MAX,
  },
  {
    name: 'nsfw',
    kind: 'boolean',
    label: { en: 'NSFW', fr: 'NSFW (contenu sensible)' },
    required: false,
    default: false,
  },
]

const COMMUNITY = /^!?[a-z0-9_]{3,20}(@[a-z0-9.-]+\.[a-z]{2,})?$/i

/** `!name@host`, `name@host` or `name`, as Lemmy's `GET /community?name=` takes it. */
export function communityName(options: LemmyOptions) {
  return String(options.community ?? '')
    .trim()
    .replace(/^!/, '')
}

/** What the generic option rules cannot say: a community name Lemmy could know, a title that is not blank. */
export function validateLemmyPost(post: PostDraft<LemmyOptions>): PostIssue[] {
  const issues: PostIssue[] = []
  const community = String(post.options.community ?? '').trim()
  if (community && !COMMUNITY.test(community))
    issues.push({ code: 'option_invalid', params: { option: 'community' } })
  if (post.options.title !== undefined && !String(post.options.title).trim())
    issues.push({ code: 'option_required', params: { option: 'title' } })
  return issues
}

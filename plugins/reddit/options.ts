import type { OptionField, PostDraft, PostIssue } from '#sdk'

export interface RedditOptions {
  /** The subreddit's name, with or without "r/". */
  subreddit?: string
  title?: string
  /** A URL makes a link post (when the post has no media). */
  link?: string
  /** A flair template id from the subreddit's link_flair_v2 list (`optionChoices`). */
  flairId?: string
  /** Custom text, for templates whose text is editable. */
  flairText?: string
  nsfw?: boolean
  spoiler?: boolean
  sendReplies?: boolean
}

export const TITLE_MAX = 300

export const redditOptionFields: OptionField[] = [
  {
    name: 'subreddit',
    kind: 'text',
    label: { en: 'Subreddit', fr: 'Subreddit' },
    required: true,
    maxLength: 23,
  },
  {
    name: 'title',
    kind: 'text',
    label: { en: 'Title', fr: 'Titre' },
    required: true,
    maxLength: TITLE_MAX,
  },
  {
    name: 'link',
    kind: 'text',
    label: { en: 'Link (makes a link post)', fr: 'Lien (en fait une publication de lien)' },
    required: false,
    maxLength: 2048,
  },
  // Whether a flair is required is the subreddit's rule, checked when publishing (subreddit.ts).
  {
    name: 'flairId',
    kind: 'select',
    label: { en: 'Flair', fr: 'Flair' },
    required: false,
    choices: [],
    source: 'account',
    dependsOn: ['subreddit'],
  },
  {
    name: 'flairText',
    kind: 'text',
    label: { en: 'Flair text', fr: 'Texte du flair' },
    required: false,
    maxLength: 64,
  },
  {
    name: 'nsfw',
    kind: 'boolean',
    label: { en: 'NSFW', fr: 'NSFW (contenu sensible)' },
    required: false,
    default: false,
  },
  {
    name: 'spoiler',
    kind: 'boolean',
    label: { en: 'Spoiler', fr: 'Spoiler (divulgâcheur)' },
    required: false,
    default: false,
  },
  {
    name: 'sendReplies',
    kind: 'boolean',
    label: {
      en: 'Send replies to my inbox',
      fr: 'Recevoir les réponses dans ma boîte de réception',
    },
    required: false,
    default: true,
  },
]

export const SUBREDDIT_NAME = /^[A-Za-z0-9][A-Za-z0-9_]{1,20}$/

export function subredditName(options: RedditOptions) {
  return String(options.subreddit ?? '')
    .trim()
    .replace(/^\/?r\//i, '')
}

/** Checks the generic option rules cannot express: a real subreddit name, a title that is not blank, an http(s) link. */
export function validateRedditPost(post: PostDraft<RedditOptions>): PostIssue[] {
  const options = (post.options ?? {}) as RedditOptions
  const issues: PostIssue[] = []
  if (options.subreddit && !SUBREDDIT_NAME.test(subredditName(options)))
    issues.push({ code: 'option_invalid', params: { option: 'subreddit' } })
  if (options.title !== undefined && options.title !== '' && !options.title.trim())
    issues.push({ code: 'option_required', params: { option: 'title' } })
  if (options.link && !/^https?:\/\/\S+$/i.test(options.link))
    issues.push({ code: 'option_invalid', params: { option: 'link' } })
  if (options.link && post.media.length)
    issues.push({ code: 'option_invalid', params: { option: 'link' } })
  return issues
}

import type { FakeReply } from '#sdk/testing/fake_server'
import type { StoredPost } from '#sdk/testing/fake_network'

/** The fake Reddit's data: its user, subreddits and posts, and how Reddit shows and refuses them. */
export const USER = { id: '1w72', name: 'pistache_agency' }

export interface Subreddit {
  name: string
  submissionType: 'any' | 'link' | 'self'
  allowImages: boolean
  allowVideos: boolean
  allowGalleries: boolean
  flairRequired: boolean
  flairs: { id: string; text: string; text_editable: boolean }[]
}

export interface Post extends StoredPost {
  id: string
  kind: string
  title: string
  subreddit: string
  url: string | null
  flairId: string | null
  nsfw: boolean
  spoiler: boolean
  createdUtc: number
  /** Listing reads left before a processed media post becomes visible. */
  hiddenFor: number
  figures: { score: number; num_comments: number; num_crossposts: number; upvote_ratio: number }
}

export const redditError = (code: string, message: string, field = ''): FakeReply => ({
  json: { json: { errors: [[code, message, field]] } },
})
export const listing = (children: unknown[]) => ({
  json: { kind: 'Listing', data: { after: null, before: null, dist: children.length, children } },
})

/** r/pistache takes anything, r/flairme requires a flair, r/linksonly refuses text posts. */
export function defaultSubreddits() {
  return new Map<string, Subreddit>([
    [
      'pistache',
      {
        name: 'pistache',
        submissionType: 'any',
        allowImages: true,
        allowVideos: true,
        allowGalleries: true,
        flairRequired: false,
        flairs: [],
      },
    ],
    [
      'flairme',
      {
        name: 'FlairMe',
        submissionType: 'any',
        allowImages: true,
        allowVideos: true,
        allowGalleries: true,
        flairRequired: true,
        flairs: [
          { id: 'f1a1r-0c', text: 'OC', text_editable: false },
          { id: 'f1a1r-q', text: 'Question', text_editable: true },
        ],
      },
    ],
    [
      'linksonly',
      {
        name: 'linksonly',
        submissionType: 'link',
        allowImages: false,
        allowVideos: false,
        allowGalleries: false,
        flairRequired: false,
        flairs: [],
      },
    ],
  ])
}

/** A post as Reddit lists it (a `t3` thing). */
export function thing(post: Post) {
  const permalink = `/r/${post.subreddit}/comments/${post.id.slice(3)}/${post.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 40)}/`
  return {
    kind: 't3',
    data: {
      name: post.id,
      id: post.id.slice(3),
      title: post.title,
      subreddit: post.subreddit,
      selftext: post.text,
      is_self: post.kind === 'self',
      url: post.url ?? `https://www.reddit.com${permalink}`,
      permalink,
      created_utc: post.createdUtc,
      over_18: post.nsfw,
      spoiler: post.spoiler,
      link_flair_template_id: post.flairId,
      view_count: null,
      ...post.figures,
      ups: post.figures.score,
    },
  }
}

/** The r2 POST_submit validators that matter here, answered the way Reddit answers them. */
export function validateSubmission(
  subreddits: Map<string, Subreddit>,
  body: Record<string, any>,
  kind: string
): FakeReply | Subreddit {
  if (body.api_type !== 'json') return { status: 400, text: 'api_type=json expected' }
  const sub = subreddits.get(String(body.sr ?? '').toLowerCase())
  if (!sub) return redditError('SUBREDDIT_NOEXIST', "that subreddit doesn't exist", 'sr')
  const title = String(body.title ?? '')
  if (!title.trim()) return redditError('NO_TEXT', 'we need something here', 'title')
  if (title.length > 300) return redditError('TOO_LONG', 'this is too long (max: 300)', 'title')
  if (String(body.text ?? '').length > 40000)
    return redditError('TOO_LONG', 'this is too long (max: 40000)', 'text')
  if (sub.submissionType === 'link' && kind === 'self')
    return redditError('NO_SELFS', "that subreddit doesn't allow text posts", 'sr')
  if (sub.flairRequired && !body.flair_id)
    return redditError(
      'SUBMIT_VALIDATION_FLAIR_REQUIRED',
      'Your post must contain post flair.',
      'flair'
    )
  if (body.flair_id && !sub.flairs.some((flair) => flair.id === body.flair_id))
    return redditError('BAD_FLAIR_TEMPLATE_ID', 'That flair template is invalid.', 'flair')
  return sub
}

import { ok, type AccountContext, type PublishContext, type Published, type Result } from '#sdk'
import { subredditName, type RedditOptions } from './options.js'
import { usernameOf } from './profile.js'
import { redditHttp, redditUrls } from './settings.js'

const LOOKBACK_MS = 60 * 60 * 1000

export interface Submission {
  name: string
  title: string
  subreddit: string
  selftext?: string
  url?: string
  is_self?: boolean
  created_utc: number
  permalink: string
}

interface Wanted {
  sr: string
  title: string
  since: number
  /** For self posts: the body must match as well, to tell apart posts sharing a title. */
  text?: string
  link?: string
}

const normal = (text: string | undefined) =>
  (text ?? '').replace(/\r\n?/g, '\n').normalize('NFC').trim()

/** The user's newest submissions (GET /user/{name}/submitted, history scope), looking for one post. */
export async function findSubmission(
  ctx: AccountContext,
  wanted: Wanted
): Promise<Result<Published | null>> {
  const response = await redditHttp(ctx).send<{ data?: { children?: { data: Submission }[] } }>({
    url: `/user/${encodeURIComponent(usernameOf(ctx))}/submitted`,
    query: { sort: 'new', limit: 25, raw_json: 1 },
    bearer: ctx.token.accessToken,
  })
  if (response.status !== 'ok') return response
  const match = (response.value.body?.data?.children ?? [])
    .map((child) => child.data)
    .find(
      (post) =>
        post.subreddit.toLowerCase() === wanted.sr.toLowerCase() &&
        normal(post.title) === normal(wanted.title) &&
        post.created_utc * 1000 >= wanted.since - 60_000 &&
        (wanted.text === undefined || normal(post.selftext) === normal(wanted.text)) &&
        (wanted.link === undefined || post.url === wanted.link)
    )
  const web = redditUrls(ctx.settings).web.replace(/\/$/, '')
  return ok(match ? { externalId: match.name, url: `${web}${match.permalink}` } : null)
}

/**
 * Reddit has no idempotency key: a submit whose answer was lost is looked for among the
 * user's submissions of the last hour, by subreddit and title (and body or link).
 */
export function findRedditPost(
  ctx: PublishContext<RedditOptions>
): Promise<Result<Published | null>> {
  const options = (ctx.post.options ?? {}) as RedditOptions
  const isSelf = !ctx.post.media.length && !options.link
  return findSubmission(ctx, {
    sr: subredditName(options),
    title: (options.title ?? '').trim(),
    since: Date.now() - LOOKBACK_MS,
    ...(isSelf ? { text: ctx.post.text } : {}),
    ...(options.link && !ctx.post.media.length ? { link: options.link } : {}),
  })
}

import {
  metrics,
  ok,
  type AccountContext,
  type AccountMetrics,
  type PostMetrics,
  type Result,
} from '#sdk'
import { mapForbidden } from './errors.js'
import { accountMetricsOf, fetchMe } from './profile.js'
import { apiHttp } from './urls.js'

/**
 * The field-selection parameter of post lookups. The pinned 2.167 spec (fake/spec) names its
 * shared parameter `post.fields` on /2/tweets and /2/users/{id}/tweets, but ten endpoints of the
 * same spec and X's current documentation say `tweet.fields`, and X answers 400 to a query
 * parameter it does not know.
 */
export const POST_FIELDS = 'tweet.fields'
const BATCH = 100

interface PublicMetrics {
  like_count?: number
  reply_count?: number
  quote_count?: number
  bookmark_count?: number
  impression_count?: number
  repost_count?: number
  /** The pre-2.167 name of repost_count. */
  retweet_count?: number
}

export function postMetricsOf(m: PublicMetrics | undefined): PostMetrics {
  if (!m) return metrics({})
  return metrics({
    likes: m.like_count ?? null,
    shares: m.repost_count ?? m.retweet_count ?? null,
    comments: m.reply_count ?? null,
    quotes: m.quote_count ?? null,
    views: m.impression_count ?? null,
    saves: m.bookmark_count ?? null,
  })
}

/** GET /2/tweets?ids=… in batches of 100; deleted or hidden posts are simply absent from the result. */
export async function fetchTweetStats(
  ctx: AccountContext,
  ids: string[]
): Promise<Result<Record<string, PostMetrics>>> {
  const figures: Record<string, PostMetrics> = {}
  for (let start = 0; start < ids.length; start += BATCH) {
    const response = mapForbidden(
      await apiHttp(ctx).send<{ data?: { id: string; public_metrics?: PublicMetrics }[] }>({
        url: '/2/tweets',
        query: { ids: ids.slice(start, start + BATCH).join(','), [POST_FIELDS]: 'public_metrics' },
        bearer: ctx.token.accessToken,
      })
    )
    if (response.status !== 'ok') return response
    for (const post of response.value.body.data ?? [])
      figures[post.id] = postMetricsOf(post.public_metrics)
  }
  return ok(figures)
}

export async function fetchXAccountStats(ctx: AccountContext): Promise<Result<AccountMetrics>> {
  const me = await fetchMe(apiHttp(ctx), ctx.token.accessToken)
  return me.status === 'ok' ? ok(accountMetricsOf(me.value)) : me
}

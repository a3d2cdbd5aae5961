import {
  metrics,
  ok,
  type AccountContext,
  type AccountMetrics,
  type PostMetrics,
  type Result,
} from '#sdk'
import { insightValue, type Insight } from '../_meta/insights.js'
import { graph } from './api.js'

const METRICS = ['views', 'likes', 'replies', 'reposts', 'quotes']

/** One insights call per post: views, likes, replies → comments, reposts → shares, quotes. */
export async function fetchThreadStats(
  ctx: AccountContext,
  ids: string[]
): Promise<Result<Record<string, PostMetrics>>> {
  const figures: Record<string, PostMetrics> = {}
  for (const id of ids) {
    const insights = await graph(ctx).send<{ data: Insight[] }>({
      url: `${id}/insights`,
      query: { metric: METRICS.join(',') },
      token: ctx.token.accessToken,
    })
    if (insights.status === 'unauthorized' || insights.status === 'rate_limited') return insights
    // A deleted post (or one insights refuse) is left out rather than failing the batch.
    if (insights.status !== 'ok') continue
    const value = (name: string) => insightValue(insights.value.body.data, name)
    figures[id] = metrics({
      views: value('views'),
      likes: value('likes'),
      comments: value('replies'),
      shares: value('reposts'),
      quotes: value('quotes'),
    })
  }
  return ok(figures)
}

/** Followers from the profile insights (`followers_count` is a total_value metric). */
export async function fetchThreadsAccountStats(
  ctx: AccountContext
): Promise<Result<AccountMetrics>> {
  const insights = await graph(ctx).send<{ data: Insight[] }>({
    url: `${ctx.account.externalId}/threads_insights`,
    query: { metric: 'followers_count' },
    token: ctx.token.accessToken,
  })
  if (insights.status !== 'ok') return insights
  return ok({
    followers: insightValue(insights.value.body.data, 'followers_count'),
    following: null,
    posts: null,
  })
}

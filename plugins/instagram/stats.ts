import {
  metrics,
  ok,
  type AccountContext,
  type AccountMetrics,
  type PostMetrics,
  type Result,
} from '#sdk'
import { insightValue, type Insight } from '../_meta/insights.js'
import { graph } from './graph.js'

/** Current metric names (impressions, plays and video_views were retired in April 2025). */
const INSIGHTS = ['views', 'reach', 'likes', 'comments', 'shares', 'saved']

/**
 * One insights call per media. When insights are refused (media from before the account
 * became professional, a story past 24 h, carousel children) the like and comment counters
 * of the media itself stand in and the rest stays null. A deleted media is left out.
 */
export async function fetchMediaStats(
  ctx: AccountContext,
  ids: string[]
): Promise<Result<Record<string, PostMetrics>>> {
  const api = graph(ctx)
  const figures: Record<string, PostMetrics> = {}
  for (const id of ids) {
    const insights = await api.send<{ data: Insight[] }>({
      url: `${id}/insights`,
      query: { metric: INSIGHTS.join(',') },
      token: ctx.token.accessToken,
    })
    if (insights.status === 'unauthorized' || insights.status === 'rate_limited') return insights
    if (insights.status === 'ok') {
      const value = (name: string) => insightValue(insights.value.body.data, name)
      figures[id] = metrics({
        views: value('views'),
        reach: value('reach'),
        likes: value('likes'),
        comments: value('comments'),
        shares: value('shares'),
        saves: value('saved'),
      })
      continue
    }
    const counters = await api.send<{ like_count?: number; comments_count?: number }>({
      url: id,
      query: { fields: 'like_count,comments_count' },
      token: ctx.token.accessToken,
    })
    if (counters.status === 'unauthorized' || counters.status === 'rate_limited') return counters
    if (counters.status === 'ok')
      figures[id] = metrics({
        likes: counters.value.body.like_count ?? null,
        comments: counters.value.body.comments_count ?? null,
      })
  }
  return ok(figures)
}

export async function fetchInstagramAccountStats(
  ctx: AccountContext
): Promise<Result<AccountMetrics>> {
  const user = await graph(ctx).send<{
    followers_count?: number
    follows_count?: number
    media_count?: number
  }>({
    url: ctx.account.externalId,
    query: { fields: 'followers_count,follows_count,media_count' },
    token: ctx.token.accessToken,
  })
  if (user.status !== 'ok') return user
  const body = user.value.body
  return ok({
    followers: body.followers_count ?? null,
    following: body.follows_count ?? null,
    posts: body.media_count ?? null,
  })
}

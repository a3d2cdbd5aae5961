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

/** Graph's multi-id lookup takes at most 50 ids. */
const BATCH = 50
/** Current names (FLOW.md "Metrics"): post_impressions* were removed in 2025. */
const INSIGHTS = ['post_media_view', 'post_total_media_view_unique']

interface PostCounters {
  id: string
  shares?: { count?: number }
  reactions?: { summary?: { total_count?: number } }
  comments?: { summary?: { total_count?: number } }
}

/**
 * Counters from the post itself (reactions → likes, comments, shares: one call per 50 posts),
 * then views and reach from each post's insights. A post whose insights are refused (Page
 * under 100 likes, metric retired) keeps views and reach null rather than failing the batch.
 */
export async function fetchPostStats(
  ctx: AccountContext,
  ids: string[]
): Promise<Result<Record<string, PostMetrics>>> {
  const api = graph(ctx)
  const figures: Record<string, PostMetrics> = {}
  for (let start = 0; start < ids.length; start += BATCH) {
    const batch = await api.send<Record<string, PostCounters>>({
      url: '',
      query: {
        ids: ids.slice(start, start + BATCH).join(','),
        fields:
          'shares,reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)',
      },
      token: ctx.token.accessToken,
    })
    if (batch.status !== 'ok') return batch
    for (const [id, post] of Object.entries(batch.value.body)) {
      figures[id] = metrics({
        likes: post.reactions?.summary?.total_count ?? 0,
        comments: post.comments?.summary?.total_count ?? 0,
        // `shares` is absent until the first share.
        shares: post.shares?.count ?? 0,
      })
    }
  }
  for (const id of Object.keys(figures)) {
    const insights = await api.send<{ data: Insight[] }>({
      url: `${id}/insights`,
      query: { metric: INSIGHTS.join(',') },
      token: ctx.token.accessToken,
    })
    if (insights.status === 'unauthorized' || insights.status === 'rate_limited') return insights
    if (insights.status !== 'ok') continue
    const data = insights.value.body.data
    figures[id] = {
      ...figures[id],
      views: insightValue(data, 'post_media_view'),
      reach: insightValue(data, 'post_total_media_view_unique'),
    }
  }
  return ok(figures)
}

/** Followers of the Page (`followers_count`; `fan_count` is the older likes figure). */
export async function fetchPageStats(ctx: AccountContext): Promise<Result<AccountMetrics>> {
  const page = await graph(ctx).send<{ followers_count?: number; fan_count?: number }>({
    url: ctx.account.externalId,
    query: { fields: 'followers_count,fan_count' },
    token: ctx.token.accessToken,
  })
  if (page.status !== 'ok') return page
  return ok({
    followers: page.value.body.followers_count ?? page.value.body.fan_count ?? null,
    following: null,
    posts: null,
  })
}

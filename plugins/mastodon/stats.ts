import {
  metrics,
  ok,
  type AccountContext,
  type AccountMetrics,
  type PostMetrics,
  type Result,
} from '#sdk'
import { instanceHttp } from './profile.js'

interface StatusCounts {
  id: string
  favourites_count: number
  reblogs_count: number
  replies_count: number
  quotes_count?: number
}

/** Mastodon has no batch endpoint for statuses by id: one request each (no views or reach exist). */
export async function fetchStatusStats(
  ctx: AccountContext,
  ids: string[]
): Promise<Result<Record<string, PostMetrics>>> {
  const http = instanceHttp(ctx.http, ctx.account)
  const figures: Record<string, PostMetrics> = {}
  for (const id of ids) {
    const response = await http.send<StatusCounts>({
      url: `/api/v1/statuses/${id}`,
      bearer: ctx.token.accessToken,
    })
    if (response.status !== 'ok') return response
    const s = response.value.body
    figures[id] = metrics({
      likes: s.favourites_count,
      shares: s.reblogs_count,
      comments: s.replies_count,
      quotes: s.quotes_count ?? null,
    })
  }
  return ok(figures)
}

export async function fetchAccountStats(ctx: AccountContext): Promise<Result<AccountMetrics>> {
  const http = instanceHttp(ctx.http, ctx.account)
  const response = await http.send<{
    followers_count: number
    following_count: number
    statuses_count: number
  }>({
    url: '/api/v1/accounts/verify_credentials',
    bearer: ctx.token.accessToken,
  })
  if (response.status !== 'ok') return response
  const a = response.value.body
  return ok({ followers: a.followers_count, following: a.following_count, posts: a.statuses_count })
}

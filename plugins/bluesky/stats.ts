import {
  metrics,
  ok,
  type AccountContext,
  type AccountMetrics,
  type PostMetrics,
  type Result,
} from '#sdk'
import { getProfile } from './profile.js'
import { appviewHeaders, authedCall, pdsHttp } from './xrpc.js'

interface PostView {
  uri: string
  likeCount?: number
  repostCount?: number
  replyCount?: number
  quoteCount?: number
}

const BATCH = 25 // app.bsky.feed.getPosts: uris maxLength

/**
 * Counts come from the AppView (through the PDS). Bluesky has no views or reach.
 * A post that no longer exists is simply absent from the answer, and from the result.
 */
export async function fetchPostStats(
  ctx: AccountContext,
  uris: string[]
): Promise<Result<Record<string, PostMetrics>>> {
  const http = pdsHttp(ctx)
  const figures: Record<string, PostMetrics> = {}
  for (let start = 0; start < uris.length; start += BATCH) {
    const query = new URLSearchParams(
      uris.slice(start, start + BATCH).map((uri): [string, string] => ['uris', uri])
    )
    const response = await authedCall<{ posts: PostView[] }>(http, ctx.token.accessToken, {
      url: `/xrpc/app.bsky.feed.getPosts?${query}`,
      headers: appviewHeaders(ctx.settings),
    })
    if (response.status !== 'ok') return response
    for (const post of response.value.body.posts) {
      figures[post.uri] = metrics({
        likes: post.likeCount ?? 0,
        shares: post.repostCount ?? 0,
        comments: post.replyCount ?? 0,
        quotes: post.quoteCount ?? 0,
      })
    }
  }
  return ok(figures)
}

export async function fetchAccountStats(ctx: AccountContext): Promise<Result<AccountMetrics>> {
  const profile = await getProfile(
    pdsHttp(ctx),
    ctx.settings,
    ctx.token.accessToken,
    ctx.account.externalId
  )
  if (profile.status !== 'ok') return profile
  const p = profile.value.body
  return ok({
    followers: p.followersCount ?? null,
    following: p.followsCount ?? null,
    posts: p.postsCount ?? null,
  })
}

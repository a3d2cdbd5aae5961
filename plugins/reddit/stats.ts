import { metrics, ok, type AccountContext, type PostMetrics, type Result } from '#sdk'
import { redditHttp } from './settings.js'

const BATCH = 100

interface Thing {
  name: string
  score?: number
  num_comments?: number
  num_crossposts?: number
  upvote_ratio?: number
}

export interface RedditFigures {
  metrics: PostMetrics
  /** 0–1 share of upvotes. PostMetrics has no slot for a ratio; see the plugin report for the SDK proposal. */
  upvoteRatio: number | null
}

/** score → likes (net upvotes), num_comments → comments, num_crossposts → shares; Reddit gives users no views or reach. */
export function figuresOf(thing: Thing): RedditFigures {
  return {
    metrics: metrics({
      likes: thing.score ?? null,
      comments: thing.num_comments ?? null,
      shares: thing.num_crossposts ?? null,
    }),
    upvoteRatio: thing.upvote_ratio ?? null,
  }
}

/** GET /api/info?id=t3_…,t1_… (100 at a time): every figure Reddit has for the posts and comments. */
export async function fetchRedditFigures(
  ctx: AccountContext,
  ids: string[]
): Promise<Result<Record<string, RedditFigures>>> {
  const figures: Record<string, RedditFigures> = {}
  // A bare id is a link's; a fullname (t3_ link, t1_ comment) is asked for as it is.
  const fullnames = ids.map((id) => (/^t\d_/.test(id) ? id : `t3_${id}`))
  for (let start = 0; start < fullnames.length; start += BATCH) {
    const response = await redditHttp(ctx).send<{ data?: { children?: { data: Thing }[] } }>({
      url: '/api/info',
      query: { id: fullnames.slice(start, start + BATCH).join(','), raw_json: 1 },
      bearer: ctx.token.accessToken,
    })
    if (response.status !== 'ok') return response
    for (const child of response.value.body?.data?.children ?? [])
      figures[child.data.name] = figuresOf(child.data)
  }
  return ok(figures)
}

export async function fetchRedditStats(
  ctx: AccountContext,
  ids: string[]
): Promise<Result<Record<string, PostMetrics>>> {
  const figures = await fetchRedditFigures(ctx, ids)
  if (figures.status !== 'ok') return figures
  return ok(
    Object.fromEntries(Object.entries(figures.value).map(([id, value]) => [id, value.metrics]))
  )
}

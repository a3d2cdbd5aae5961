import { metrics, ok, unauthorized, type AccountContext, type PostMetrics, type Result } from '#sdk'
import { sessionEnded } from './auth.js'
import { accountHttp } from './urls.js'

interface PostResponse {
  post_view: { counts: { upvotes: number; comments: number } }
}

/** Upvotes (as likes) and comments of each post, one `GET /post` each: Lemmy reads no batch. */
export async function fetchPostStats(
  ctx: AccountContext,
  externalIds: string[]
): Promise<Result<Record<string, PostMetrics>>> {
  const figures: Record<string, PostMetrics> = {}
  for (const id of externalIds) {
    const read = await accountHttp(ctx).send<PostResponse>({
      url: '/post',
      query: { id },
      bearer: ctx.token.accessToken,
    })
    // A deleted or removed post has no figures any more; the others are still worth keeping.
    if (read.status === 'error' && read.httpStatus === 404) continue
    if (read.status !== 'ok') return sessionEnded(read) ? unauthorized(read.reason) : read
    const { counts } = read.value.body.post_view
    figures[id] = metrics({ likes: counts.upvotes, comments: counts.comments })
  }
  return ok(figures)
}

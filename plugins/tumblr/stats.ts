import { metrics, ok, type AccountContext, type PostMetrics, type Result } from '#sdk'
import { accountHttp, blogPath } from './urls.js'

interface NotesResponse {
  response: { total_notes: number; total_likes?: number; total_reblogs?: number }
}

/** Likes and reblogs of each post, from its notes in "conversation" mode, which totals both. */
export async function fetchPostStats(
  ctx: AccountContext,
  externalIds: string[]
): Promise<Result<Record<string, PostMetrics>>> {
  const figures: Record<string, PostMetrics> = {}
  for (const id of externalIds) {
    const notes = await accountHttp(ctx).send<NotesResponse>({
      url: blogPath(ctx, 'notes'),
      query: { api_key: ctx.settings.clientId ?? '', id, mode: 'conversation' },
      bearer: ctx.token.accessToken,
    })
    // A deleted post has no notes any more; the others are still worth keeping.
    if (notes.status === 'error' && notes.httpStatus === 404) continue
    if (notes.status !== 'ok') return notes
    const { total_likes: likes, total_reblogs: reblogs } = notes.value.body.response
    figures[id] = metrics({ likes: likes ?? null, shares: reblogs ?? null })
  }
  return ok(figures)
}

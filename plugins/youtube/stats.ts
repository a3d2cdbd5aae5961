import { metrics, ok, type AccountContext, type PostMetrics, type Result } from '#sdk'
import { mapQuota } from './errors.js'
import { apiHttp } from './urls.js'

const BATCH = 50

interface Statistics {
  viewCount?: string
  likeCount?: string
  commentCount?: string
}

const count = (value: string | undefined) => (value === undefined ? null : Number(value))

/**
 * videos.list part=statistics, 50 ids per call (1 quota unit each). Counts come as strings; a
 * count the owner hid (likes) is absent and stays null. Deleted videos are simply missing.
 * Shares and reach live in the YouTube Analytics API, not used here.
 */
export async function fetchVideoStats(
  ctx: AccountContext,
  ids: string[]
): Promise<Result<Record<string, PostMetrics>>> {
  const figures: Record<string, PostMetrics> = {}
  for (let start = 0; start < ids.length; start += BATCH) {
    const response = mapQuota(
      await apiHttp(ctx).send<{ items?: { id: string; statistics?: Statistics }[] }>({
        url: 'videos',
        query: {
          part: 'statistics',
          id: ids.slice(start, start + BATCH).join(','),
          maxResults: BATCH,
        },
        bearer: ctx.token.accessToken,
      })
    )
    if (response.status !== 'ok') return response
    for (const video of response.value.body.items ?? []) {
      const s = video.statistics ?? {}
      figures[video.id] = metrics({
        views: count(s.viewCount),
        likes: count(s.likeCount),
        comments: count(s.commentCount),
      })
    }
  }
  return ok(figures)
}

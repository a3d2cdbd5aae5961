import { metrics, ok, type AccountContext, type PostMetrics, type Result } from '#sdk'
import { unwrap, type TikTokEnvelope } from './errors.js'
import { apiHttp } from './urls.js'

const BATCH = 20

interface VideoFigures {
  id: string
  view_count?: number
  like_count?: number
  comment_count?: number
  share_count?: number
}

/**
 * POST /v2/video/query/ (video.list), 20 ids at a time. Inbox drafts and posts that never
 * got a public id are stored under their publish id (`v_pub_…~…`), which has no figures.
 * TikTok gives personal accounts no reach or impressions.
 */
export async function fetchTikTokStats(
  ctx: AccountContext,
  ids: string[]
): Promise<Result<Record<string, PostMetrics>>> {
  const videoIds = ids.filter((id) => /^\d+$/.test(id))
  const figures: Record<string, PostMetrics> = {}
  for (let start = 0; start < videoIds.length; start += BATCH) {
    const response = unwrap<{ videos?: VideoFigures[] }>(
      ctx.settings,
      await apiHttp(ctx).send<TikTokEnvelope<{ videos?: VideoFigures[] }>>({
        method: 'POST',
        url: '/v2/video/query/',
        query: { fields: 'id,view_count,like_count,comment_count,share_count' },
        bearer: ctx.token.accessToken,
        json: { filters: { video_ids: videoIds.slice(start, start + BATCH) } },
      })
    )
    if (response.status !== 'ok') return response
    for (const video of response.value.videos ?? []) {
      figures[String(video.id)] = metrics({
        views: video.view_count ?? null,
        likes: video.like_count ?? null,
        comments: video.comment_count ?? null,
        shares: video.share_count ?? null,
      })
    }
  }
  return ok(figures)
}

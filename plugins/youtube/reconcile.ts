import { ok, type PublishContext, type Published, type Result } from '#sdk'
import { mapQuota } from './errors.js'
import type { YouTubeOptions } from './options.js'
import { apiHttp, videoUrl } from './urls.js'

const LOOKBACK_MS = 60 * 60 * 1000
const PAGE = 25

interface PlaylistItem {
  snippet?: {
    title?: string
    description?: string
    publishedAt?: string
    resourceId?: { videoId?: string }
  }
  contentDetails?: { videoId?: string; videoPublishedAt?: string }
}

/**
 * YouTube has no idempotency key. An upload whose final answer was lost is looked up in the
 * channel's uploads playlist (playlistItems.list, 1 quota unit; search.list would cost 100):
 * the newest 25 items, added within the last hour, with the same title and description. Two
 * identical uploads within an hour cannot be told apart.
 */
export async function findRecentVideo(
  ctx: PublishContext<YouTubeOptions>
): Promise<Result<Published | null>> {
  const playlistId = String(
    ctx.account.meta?.uploadsPlaylist ?? `UU${ctx.account.externalId.replace(/^UC/, '')}`
  )
  const items = mapQuota(
    await apiHttp(ctx).send<{ items?: PlaylistItem[] }>({
      url: 'playlistItems',
      query: { part: 'snippet,contentDetails', playlistId, maxResults: PAGE },
      bearer: ctx.token.accessToken,
    })
  )
  if (items.status !== 'ok') return items
  const since = Date.now() - LOOKBACK_MS
  const title = ctx.post.options?.title ?? ''
  const match = (items.value.body.items ?? []).find((item) => {
    const added = item.snippet?.publishedAt ? Date.parse(item.snippet.publishedAt) : Date.now()
    return (
      added >= since &&
      item.snippet?.title === title &&
      (item.snippet?.description ?? '') === ctx.post.text
    )
  })
  const id = match?.contentDetails?.videoId ?? match?.snippet?.resourceId?.videoId
  return ok(id ? { externalId: id, url: videoUrl(ctx.settings, id) } : null)
}

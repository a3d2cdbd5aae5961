import { ok, type AccountContext, type PublishContext, type Published, type Result } from '#sdk'
import { unwrap, type TikTokEnvelope } from './errors.js'
import type { TikTokOptions } from './options.js'
import { apiHttp, videoUrl } from './urls.js'

const LOOKBACK_MS = 60 * 60 * 1000

interface ListedVideo {
  id: string
  title?: string
  video_description?: string
  create_time?: number
  share_url?: string
}

const normal = (text: string | undefined) =>
  (text ?? '').replace(/\r\n?/g, '\n').normalize('NFC').trim()

/**
 * The creator's latest posts (POST /v2/video/list/, scope video.list) that match `caption`
 * and were made since `since`. TikTok documents the video object's caption as
 * video_description and a separate title, so either may carry it.
 */
export async function findRecentVideo(
  ctx: AccountContext,
  caption: string,
  since: number,
  username?: string | null
): Promise<Result<Published | null>> {
  const response = unwrap<{ videos?: ListedVideo[] }>(
    ctx.settings,
    await apiHttp(ctx).send<TikTokEnvelope<{ videos?: ListedVideo[] }>>({
      method: 'POST',
      url: '/v2/video/list/',
      query: { fields: 'id,title,video_description,create_time,share_url' },
      bearer: ctx.token.accessToken,
      json: { max_count: 20 },
    })
  )
  if (response.status === 'ambiguous') return response
  if (response.status !== 'ok') return response
  const wanted = normal(caption)
  const match = (response.value.videos ?? []).find(
    (video) =>
      (!video.create_time || video.create_time * 1000 >= since - 60_000) &&
      (normal(video.video_description) === wanted || normal(video.title) === wanted)
  )
  const name = username ?? (ctx.account.meta?.username as string | undefined)
  return ok(
    match
      ? {
          externalId: String(match.id),
          url: match.share_url ?? videoUrl(ctx.settings, name ?? undefined, String(match.id)),
        }
      : null
  )
}

/**
 * TikTok has no idempotency key. A publish whose init answer was lost is looked up among the
 * creator's posts of the last hour by caption. A video init that lost its answer never got its
 * bytes, so nothing was posted and `null` (safe to retry) is the truthful answer. Inbox drafts
 * are invisible to the API and cannot be reconciled.
 */
export async function findTikTokPost(
  ctx: PublishContext<TikTokOptions>
): Promise<Result<Published | null>> {
  if ((ctx.post.options as TikTokOptions)?.sendToInbox) return ok(null)
  return findRecentVideo(ctx, ctx.post.text, Date.now() - LOOKBACK_MS)
}

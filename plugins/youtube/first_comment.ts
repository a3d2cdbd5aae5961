import {
  failed,
  ok,
  type PublishOutcome,
  type PublishPartContext,
  type Published,
  type Result,
} from '#sdk'
import { mapQuota } from './errors.js'
import type { YouTubeOptions } from './options.js'
import { apiHttp, videoUrl } from './urls.js'

/** Threads read back when settling a lost answer: the first comment is among the newest. */
const PAGE = 50

interface CommentThread {
  id?: string
  snippet?: {
    topLevelComment?: {
      snippet?: { textOriginal?: string; authorChannelId?: { value?: string } }
    }
  }
}

/** The watch page opened at the comment (`lc` highlights it). */
const commentUrl = (ctx: PublishPartContext<YouTubeOptions>, id: string) =>
  `${videoUrl(ctx.settings, ctx.root.externalId)}&lc=${encodeURIComponent(id)}`

/**
 * The first comment under the uploaded video, by the channel: commentThreads.insert
 * (POST commentThreads?part=snippet) with `snippet.videoId` and the top-level comment's
 * `textOriginal` (text only; needs the youtube.force-ssl scope). No idempotency key.
 */
export async function publishFirstComment(
  ctx: PublishPartContext<YouTubeOptions>
): Promise<PublishOutcome<Published>> {
  if (ctx.part.kind !== 'first_comment')
    return failed('YouTube has no threads: only a first comment', false, 'part_kind_not_supported')
  const created = mapQuota(
    await apiHttp(ctx).send<CommentThread>({
      method: 'POST',
      url: 'commentThreads',
      query: { part: 'snippet' },
      bearer: ctx.token.accessToken,
      json: {
        snippet: {
          videoId: ctx.root.externalId,
          topLevelComment: { snippet: { textOriginal: ctx.post.text } },
        },
      },
    })
  )
  if (created.status !== 'ok') return created
  const id = created.value.body.id!
  return ok({ externalId: id, url: commentUrl(ctx, id) })
}

/** Settles a lost answer: the channel's own top-level comment with the same text, or null. */
export async function findFirstComment(
  ctx: PublishPartContext<YouTubeOptions>
): Promise<Result<Published | null>> {
  const listed = mapQuota(
    await apiHttp(ctx).send<{ items?: CommentThread[] }>({
      url: 'commentThreads',
      query: { part: 'snippet', videoId: ctx.root.externalId, maxResults: PAGE },
      bearer: ctx.token.accessToken,
    })
  )
  if (listed.status !== 'ok') return listed
  const match = (listed.value.body.items ?? []).find((thread) => {
    const comment = thread.snippet?.topLevelComment?.snippet
    return (
      comment?.authorChannelId?.value === ctx.account.externalId &&
      comment.textOriginal === ctx.post.text
    )
  })
  return ok(match?.id ? { externalId: match.id, url: commentUrl(ctx, match.id) } : null)
}

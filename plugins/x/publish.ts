import {
  failed,
  ok,
  pending,
  type AccountContext,
  type PublishContext,
  type PublishOutcome,
  type PublishPartContext,
  type Published,
} from '#sdk'
import { mapForbidden } from './errors.js'
import {
  pollProcessing,
  processingFailed,
  processingState,
  uploadMedia,
  type UploadedMedia,
} from './media.js'
import { replySettingsOf, type XOptions } from './options.js'
import { apiHttp, postUrl } from './urls.js'

/** How long publish waits in-process for X to finish a video before handing back `pending`. */
const DEFAULT_MEDIA_WAIT_SECONDS = 20

/** Everything needed to create the post once media is ready; it travels as the `pending` handle. */
interface TweetDraft {
  v: 1
  text: string
  replySettings?: string
  media: UploadedMedia[]
  /** A thread part: the post it answers (`reply.in_reply_to_tweet_id`). */
  replyTo?: string
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function mediaWaitMs(ctx: AccountContext) {
  const seconds = Number(ctx.settings.mediaWaitSeconds ?? DEFAULT_MEDIA_WAIT_SECONDS)
  return Number.isFinite(seconds) && seconds >= 0
    ? seconds * 1000
    : DEFAULT_MEDIA_WAIT_SECONDS * 1000
}

export function publishTweet(ctx: PublishContext<XOptions>): Promise<PublishOutcome<Published>> {
  return publishDraft(ctx, { replySettings: replySettingsOf(ctx.post.options) })
}

/**
 * One part of a thread: a post of the account in reply to the previous part (X chains a
 * thread from replies by the author to their own posts). Who may reply is the main post's
 * setting; X does not take it again on a reply.
 */
export function publishTweetReply(
  ctx: PublishPartContext<XOptions>
): Promise<PublishOutcome<Published>> {
  return publishDraft(ctx, { replyTo: ctx.previous.externalId })
}

async function publishDraft(
  ctx: PublishContext<XOptions>,
  extra: Pick<TweetDraft, 'replySettings' | 'replyTo'>
): Promise<PublishOutcome<Published>> {
  const http = apiHttp(ctx)
  const media: UploadedMedia[] = []
  for (const item of ctx.post.media) {
    const uploaded = await uploadMedia(http, ctx.token.accessToken, item)
    if (uploaded.status !== 'ok') return uploaded
    media.push(uploaded.value)
  }
  const draft: TweetDraft = { v: 1, text: ctx.post.text, media, ...extra }
  return advance(ctx, draft, mediaWaitMs(ctx))
}

/** Continues a publish that was left `pending` while X processed its video. */
export async function checkTweetStatus(
  ctx: AccountContext,
  handle: string
): Promise<PublishOutcome<Published>> {
  let draft: TweetDraft
  try {
    draft = JSON.parse(handle)
    if (draft?.v !== 1 || !Array.isArray(draft.media)) throw new Error('unknown handle')
  } catch {
    return failed('unreadable pending handle', false, 'bad_handle')
  }
  const polled = await pollProcessing(apiHttp(ctx), ctx.token.accessToken, draft.media)
  if (polled.status !== 'ok') return polled
  return advance(ctx, draft, 0)
}

/** Waits (within `budgetMs`, honouring check_after_secs) for processing, then posts. */
async function advance(
  ctx: AccountContext,
  draft: TweetDraft,
  budgetMs: number
): Promise<PublishOutcome<Published>> {
  const started = Date.now()
  for (;;) {
    const state = processingState(draft.media)
    if (state.kind === 'failed') return processingFailed(state.reason)
    if (state.kind === 'ready') return createTweet(ctx, draft)
    if (Date.now() - started + state.checkAfter * 1000 > budgetMs)
      return pending(JSON.stringify(draft), state.checkAfter)
    await sleep(state.checkAfter * 1000)
    const polled = await pollProcessing(apiHttp(ctx), ctx.token.accessToken, draft.media)
    if (polled.status !== 'ok') return polled
  }
}

/** Alt text (POST /2/media/metadata), then POST /2/tweets. */
async function createTweet(
  ctx: AccountContext,
  draft: TweetDraft
): Promise<PublishOutcome<Published>> {
  const http = apiHttp(ctx)
  for (const item of draft.media) {
    if (!item.altText) continue
    const described = mapForbidden(
      await http.send({
        method: 'POST',
        url: '/2/media/metadata',
        bearer: ctx.token.accessToken,
        json: { id: item.id, metadata: { alt_text: { text: item.altText } } },
      })
    )
    if (described.status !== 'ok') return described
  }
  // No idempotency key exists on X: an ambiguous answer here is resolved by findRecentTweet.
  const created = mapForbidden(
    await http.send<{ data: { id: string; text: string } }>({
      method: 'POST',
      url: '/2/tweets',
      bearer: ctx.token.accessToken,
      json: {
        text: draft.text,
        ...(draft.media.length ? { media: { media_ids: draft.media.map((item) => item.id) } } : {}),
        ...(draft.replySettings ? { reply_settings: draft.replySettings } : {}),
        ...(draft.replyTo ? { reply: { in_reply_to_tweet_id: draft.replyTo } } : {}),
      },
    })
  )
  if (created.status !== 'ok') return created
  const id = created.value.body.data.id
  return ok({ externalId: id, url: postUrl(ctx.settings, ctx.account, id) })
}

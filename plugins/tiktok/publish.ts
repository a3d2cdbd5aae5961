import {
  failed,
  ok,
  pending,
  type AccountContext,
  type MediaItem,
  type PublishContext,
  type PublishOutcome,
  type Published,
  type Result,
} from '#sdk'
import {
  checkAgainstCreator,
  interactionSettings,
  queryCreatorInfo,
  type CreatorInfo,
} from './creator.js'
import { unwrap, type TikTokEnvelope } from './errors.js'
import type { TikTokOptions } from './options.js'
import { findRecentVideo } from './reconcile.js'
import { limitsOf } from './settings.js'
import { planChunks, uploadChunks } from './upload.js'
import { apiHttp, videoUrl } from './urls.js'

/** What checkStatus needs to finish a publish; travels as the `pending` handle. */
export interface TikTokHandle {
  v: 1
  publishId: string
  inbox: boolean
  caption: string
  username: string | null
  /** Epoch ms of the init call, to bound the wait for moderation. */
  since: number
}

type InitAnswer = { publish_id: string; upload_url?: string }

/**
 * Direct post or inbox draft of one video (chunked FILE_UPLOAD) or 1–35 photos
 * (PULL_FROM_URL). creator_info comes first: it is TikTok's required step before any post,
 * it decides which privacy levels are valid, and it is where a revoked token shows up.
 */
export async function publishToTikTok(
  ctx: PublishContext<TikTokOptions>
): Promise<PublishOutcome<Published>> {
  const options = (ctx.post.options ?? {}) as TikTokOptions
  const creator = await queryCreatorInfo(ctx)
  if (creator.status !== 'ok') return creator
  const media = ctx.post.media
  if (!media.length)
    return failed(
      'TikTok posts need a video or photos; text alone cannot be posted',
      false,
      'media_required'
    )
  const refused = checkAgainstCreator(creator.value, options, media) ?? checkText(ctx, media)
  if (refused) return refused

  const video = media.find((item) => item.kind === 'video')
  const started = Date.now()
  const init = video
    ? await startVideo(ctx, creator.value, options, video)
    : await startPhotos(ctx, creator.value, options, media)
  if (init.status !== 'ok') return init
  const handle: TikTokHandle = {
    v: 1,
    publishId: init.value,
    inbox: Boolean(options.sendToInbox),
    caption: ctx.post.text,
    username:
      creator.value.creator_username ?? (ctx.account.meta?.username as string | null) ?? null,
    since: started,
  }
  return pending(JSON.stringify(handle), limitsOf(ctx.settings).statusCheckAfterSeconds)
}

function checkText(ctx: PublishContext<TikTokOptions>, media: MediaItem[]) {
  const limits = limitsOf(ctx.settings)
  const isPhoto = !media.some((item) => item.kind === 'video')
  const max = isPhoto ? limits.photoDescriptionMaxLength : limits.captionMaxLength
  if (ctx.post.text.length > max)
    return failed(`TikTok takes at most ${max} characters here`, false, 'text_too_long')
  const title = (ctx.post.options as TikTokOptions)?.photoTitle ?? ''
  if (isPhoto && title.length > limits.photoTitleMaxLength)
    return failed(
      `TikTok photo titles take at most ${limits.photoTitleMaxLength} characters`,
      false,
      'text_too_long'
    )
  return null
}

/** POST …/video/init/ (or …/inbox/video/init/), then the chunks. Returns the publish id. */
async function startVideo(
  ctx: PublishContext<TikTokOptions>,
  creator: CreatorInfo,
  options: TikTokOptions,
  video: MediaItem
): Promise<Result<string>> {
  const limits = limitsOf(ctx.settings)
  if (video.bytes > limits.videoMaxBytes)
    return failed(
      `TikTok takes videos up to ${limits.videoMaxBytes} bytes`,
      false,
      'media_too_large'
    )
  const bytes = await video.read()
  const plan = planChunks(bytes.length, limits.chunkBytes)
  const sourceInfo = {
    source: 'FILE_UPLOAD',
    video_size: plan.videoSize,
    chunk_size: plan.chunkSize,
    total_chunk_count: plan.totalChunkCount,
  }
  const body = options.sendToInbox
    ? { source_info: sourceInfo }
    : {
        post_info: {
          title: ctx.post.text,
          privacy_level: options.privacyLevel,
          ...interactionSettings(creator, options),
        },
        source_info: sourceInfo,
      }
  const init = await initCall(
    ctx,
    options.sendToInbox ? '/v2/post/publish/inbox/video/init/' : '/v2/post/publish/video/init/',
    body
  )
  if (init.status !== 'ok') return init
  if (!init.value.upload_url) return failed('TikTok gave no upload URL', true, 'no_upload_url')
  const uploaded = await uploadChunks(
    apiHttp(ctx),
    init.value.upload_url,
    video.mimeType,
    bytes,
    plan
  )
  return uploaded.status === 'ok' ? ok(init.value.publish_id) : uploaded
}

/** POST /v2/post/publish/content/init/ with the photos' public URLs (TikTok fetches them). */
async function startPhotos(
  ctx: PublishContext<TikTokOptions>,
  creator: CreatorInfo,
  options: TikTokOptions,
  photos: MediaItem[]
): Promise<Result<string>> {
  const urls = photos.map((photo) => photo.publicUrl)
  if (urls.some((url) => !url))
    return failed(
      'TikTok photo posts need public URLs for the photos (PULL_FROM_URL)',
      false,
      'public_url_required'
    )
  const init = await initCall(ctx, '/v2/post/publish/content/init/', {
    media_type: 'PHOTO',
    post_mode: options.sendToInbox ? 'MEDIA_UPLOAD' : 'DIRECT_POST',
    post_info: {
      title: options.photoTitle ?? '',
      description: ctx.post.text,
      ...(options.sendToInbox
        ? {}
        : {
            privacy_level: options.privacyLevel,
            disable_comment: interactionSettings(creator, options).disable_comment,
          }),
      auto_add_music: Boolean(options.autoAddMusic),
    },
    source_info: { source: 'PULL_FROM_URL', photo_cover_index: 0, photo_images: urls },
  })
  return init.status === 'ok' ? ok(init.value.publish_id) : init
}

async function initCall(
  ctx: AccountContext,
  url: string,
  json: unknown
): Promise<Result<InitAnswer>> {
  return unwrap<InitAnswer>(
    ctx.settings,
    await apiHttp(ctx).send<TikTokEnvelope<InitAnswer>>({
      method: 'POST',
      url,
      bearer: ctx.token.accessToken,
      json,
    })
  )
}

interface StatusAnswer {
  status:
    | 'PROCESSING_UPLOAD'
    | 'PROCESSING_DOWNLOAD'
    | 'SEND_TO_USER_INBOX'
    | 'PUBLISH_COMPLETE'
    | 'FAILED'
  fail_reason?: string
  publicaly_available_post_id?: (string | number)[]
}

/** POST /v2/post/publish/status/fetch/ once, and says where the publish stands. */
export async function checkTikTokStatus(
  ctx: AccountContext,
  rawHandle: string
): Promise<PublishOutcome<Published>> {
  const handle = parseHandle(rawHandle)
  if (!handle) return failed('unreadable pending handle', false, 'bad_handle')
  const limits = limitsOf(ctx.settings)
  const response = await apiHttp(ctx).send<TikTokEnvelope<StatusAnswer>>({
    method: 'POST',
    url: '/v2/post/publish/status/fetch/',
    bearer: ctx.token.accessToken,
    json: { publish_id: handle.publishId },
  })
  // Polling is a read: a lost or failed poll just means asking again later.
  if (response.status === 'ambiguous' || (response.status === 'error' && response.retryable)) {
    return pending(rawHandle, limits.statusCheckAfterSeconds * 2)
  }
  const status = unwrap<StatusAnswer>(ctx.settings, response)
  if (status.status !== 'ok') return status
  const answer = status.value
  switch (answer.status) {
    case 'FAILED':
      return failed(
        `TikTok could not publish: ${answer.fail_reason ?? 'unknown reason'}`,
        /internal|timeout/i.test(answer.fail_reason ?? ''),
        'publish_failed'
      )
    case 'SEND_TO_USER_INBOX':
      // A draft has no public id: the publish id stands for it.
      return ok({ externalId: handle.publishId, url: null })
    case 'PUBLISH_COMPLETE': {
      const id = exactId(answer.publicaly_available_post_id?.[0])
      if (id)
        return ok({ externalId: id, url: videoUrl(ctx.settings, handle.username ?? undefined, id) })
      return awaitModeration(ctx, handle, rawHandle)
    }
    default:
      return pending(rawHandle, limits.statusCheckAfterSeconds)
  }
}

/**
 * Published, but TikTok gives the post id only once moderation passes (and never for
 * private posts). Look for it in the creator's videos; after the configured wait, settle
 * for the publish id so the delivery does not stay pending for ever.
 */
async function awaitModeration(
  ctx: AccountContext,
  handle: TikTokHandle,
  rawHandle: string
): Promise<PublishOutcome<Published>> {
  const found = await findRecentVideo(ctx, handle.caption, handle.since, handle.username)
  if (found.status === 'ok' && found.value) return ok(found.value)
  const limits = limitsOf(ctx.settings)
  if (Date.now() - handle.since > limits.moderationWaitSeconds * 1000)
    return ok({ externalId: handle.publishId, url: null })
  return pending(rawHandle, Math.max(60, limits.statusCheckAfterSeconds))
}

/**
 * TikTok sends this id as a bare int64 (~7.4e18), which JSON.parse rounds: only an id that
 * survived parsing exactly is used; otherwise the id is read from /v2/video/list, which
 * sends ids as strings.
 */
function exactId(id: string | number | undefined) {
  if (typeof id === 'string' && /^\d+$/.test(id)) return id
  return typeof id === 'number' && Number.isSafeInteger(id) ? String(id) : null
}

function parseHandle(raw: string): TikTokHandle | null {
  try {
    const handle = JSON.parse(raw)
    return handle?.v === 1 && typeof handle.publishId === 'string' ? handle : null
  } catch {
    return null
  }
}

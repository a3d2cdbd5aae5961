import {
  failed,
  ok,
  pending,
  withDefaults,
  type AccountContext,
  type PublishContext,
  type PublishOutcome,
  type Published,
} from '#sdk'
import { VIDEO_DEFAULTS } from './capabilities.js'
import { mapQuota } from './errors.js'
import { tagsOf, youtubeOptionFields, type YouTubeOptions } from './options.js'
import { chunkSize, uploadBytes } from './upload.js'
import { apiHttp, videoUrl, youtubeUrls } from './urls.js'

const CHECK_AFTER_SECONDS = 15
/** Per PUT; the `uploadTimeoutMs` setting overrides it. */
const UPLOAD_TIMEOUT_MS = 10 * 60_000

interface ProcessingHandle {
  v: 1
  videoId: string
}

/** The Video resource sent when the upload session opens (snippet + status). */
export function videoResource(text: string, options: YouTubeOptions) {
  const tags = tagsOf(options)
  // A scheduled video is uploaded private; YouTube makes it public at publishAt.
  const privacyStatus = options.publishAt ? 'private' : (options.privacy ?? 'public')
  return {
    snippet: {
      title: options.title,
      description: text,
      ...(tags.length ? { tags } : {}),
      categoryId: options.categoryId ?? '22',
    },
    status: {
      privacyStatus,
      selfDeclaredMadeForKids: options.madeForKids === true,
      ...(options.publishAt ? { publishAt: new Date(options.publishAt).toISOString() } : {}),
    },
  }
}

export async function publishVideo(
  ctx: PublishContext<YouTubeOptions>
): Promise<PublishOutcome<Published>> {
  const options = withDefaults(
    youtubeOptionFields,
    (ctx.post.options ?? {}) as Record<string, unknown>
  ) as YouTubeOptions
  const video = ctx.post.media.find((item) => item.kind === 'video')
  if (!video) return failed('YouTube needs a video', false, 'media_required')
  if (!options.title) return failed('YouTube needs a title', false, 'option_required')
  const maxSeconds = Number(ctx.settings.videoMaxSeconds ?? VIDEO_DEFAULTS.videoMaxSeconds)
  if (video.durationSeconds !== undefined && video.durationSeconds > maxSeconds)
    return failed(`video longer than ${maxSeconds} s`, false, 'media_rejected')

  // Opening a session creates nothing on the channel: a lost answer here is safe to retry.
  const session = mapQuota(
    await ctx.http.send({
      method: 'POST',
      url: `${youtubeUrls(ctx.settings).upload.replace(/\/$/, '')}/videos`,
      query: { uploadType: 'resumable', part: 'snippet,status' },
      headers: {
        'x-upload-content-length': String(video.bytes),
        'x-upload-content-type': video.mimeType,
      },
      bearer: ctx.token.accessToken,
      json: videoResource(ctx.post.text, options),
    })
  )
  if (session.status === 'ambiguous')
    return failed(
      `${session.reason} (no video is created before the bytes arrive)`,
      true,
      'timeout'
    )
  if (session.status !== 'ok') return session
  const sessionUri = session.value.headers.get('location')
  if (!sessionUri)
    return failed('YouTube opened no upload session (no Location header)', true, 'no_session')

  const uploaded = await uploadBytes(
    ctx.http,
    sessionUri,
    await video.read(),
    chunkSize(ctx.settings.uploadChunkBytes),
    Number(ctx.settings.uploadTimeoutMs ?? UPLOAD_TIMEOUT_MS)
  )
  if (uploaded.status !== 'ok') return uploaded
  const { id, status } = uploaded.value
  if (status?.uploadStatus === 'rejected' || status?.uploadStatus === 'failed') {
    return failed(
      `YouTube refused the video: ${status.rejectionReason ?? status.failureReason ?? status.uploadStatus}`,
      false,
      'media_rejected'
    )
  }
  return pending(
    JSON.stringify({ v: 1, videoId: id } satisfies ProcessingHandle),
    CHECK_AFTER_SECONDS
  )
}

interface VideoState {
  id: string
  status?: { uploadStatus?: string; failureReason?: string; rejectionReason?: string }
  processingDetails?: {
    processingStatus?: 'processing' | 'succeeded' | 'failed' | 'terminated'
    processingFailureReason?: string
  }
}

/** videos.list part=processingDetails,status: processing → pending, succeeded → ok, failed/rejected → error. */
export async function checkVideoStatus(
  ctx: AccountContext,
  handle: string
): Promise<PublishOutcome<Published>> {
  let parsed: ProcessingHandle
  try {
    parsed = JSON.parse(handle)
    if (parsed?.v !== 1 || !parsed.videoId) throw new Error('unknown handle')
  } catch {
    return failed('unreadable pending handle', false, 'bad_handle')
  }
  const response = mapQuota(
    await apiHttp(ctx).send<{ items?: VideoState[] }>({
      url: 'videos',
      query: { part: 'processingDetails,status', id: parsed.videoId },
      bearer: ctx.token.accessToken,
    })
  )
  if (response.status !== 'ok') return response
  const video = response.value.body.items?.[0]
  if (!video) return failed(`video ${parsed.videoId} no longer exists`, false, 'deleted')
  const upload = video.status?.uploadStatus
  if (upload === 'rejected' || upload === 'failed') {
    return failed(
      `YouTube refused the video: ${video.status?.rejectionReason ?? video.status?.failureReason ?? upload}`,
      false,
      'media_rejected'
    )
  }
  const processing = video.processingDetails?.processingStatus
  if (processing === 'failed' || processing === 'terminated') {
    return failed(
      `YouTube could not process the video: ${video.processingDetails?.processingFailureReason ?? processing}`,
      false,
      'media_processing_failed'
    )
  }
  if (processing === 'succeeded' || upload === 'processed')
    return ok({ externalId: video.id, url: videoUrl(ctx.settings, video.id) })
  return pending(handle, CHECK_AFTER_SECONDS)
}

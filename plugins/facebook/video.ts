import {
  failed,
  ok,
  pending,
  type AccountContext,
  type MediaItem,
  type PublishOutcome,
  type Published,
  type Result,
} from '#sdk'
import { graph, postUrl } from './graph.js'

/** Seconds between status checks while Facebook processes a video. */
const CHECK_AFTER_SECONDS = 15
const MAX_RESUMES = 3

/** What travels in the `pending` handle: the video Facebook is processing. */
interface VideoHandle {
  v: 1
  videoId: string
}

/**
 * Resumable Upload API (FLOW.md "Video (current way)"): open a session on the app, send the
 * bytes with the USER token (`Authorization: OAuth …`, `file_offset`), resuming from the offset
 * Facebook reports if the transfer breaks. Returns the file handle.
 */
async function uploadFile(ctx: AccountContext, item: MediaItem): Promise<Result<string>> {
  const userToken = ctx.token.extra?.userToken
  if (!userToken)
    return failed(
      'no user token stored: reconnect the Page to upload video',
      false,
      'no_user_token'
    )
  const api = graph(ctx)
  const bytes = await item.read()
  const session = await api.send<{ id: string }>({
    method: 'POST',
    url: `${ctx.settings.clientId}/uploads`,
    query: {
      file_name: `video.${item.mimeType.split('/')[1] ?? 'mp4'}`,
      file_length: bytes.length,
      file_type: item.mimeType,
    },
    token: userToken,
  })
  if (session.status !== 'ok') return session
  // "upload:…" would parse as a URL scheme: keep it a relative path.
  const sessionPath = `./${session.value.body.id}`
  let offset = 0
  for (let attempt = 0; ; attempt++) {
    const sent = await api.send<{ h: string }>({
      method: 'POST',
      url: sessionPath,
      headers: {
        'authorization': `OAuth ${userToken}`,
        'file_offset': String(offset),
        'content-type': 'application/octet-stream',
      },
      body: bytes.subarray(offset),
      timeoutMs: 120_000,
    })
    // A resumable upload is safe to repeat: ask where Facebook got to, then send the rest.
    if (sent.status === 'ok') return ok(sent.value.body.h)
    if (
      attempt >= MAX_RESUMES ||
      !(sent.status === 'ambiguous' || (sent.status === 'error' && sent.retryable))
    )
      return sent
    const where = await api.send<{ file_offset: number }>({
      url: sessionPath,
      headers: { authorization: `OAuth ${userToken}` },
    })
    if (where.status !== 'ok') return where
    offset = Number(where.value.body.file_offset) || 0
  }
}

/** Uploads, then creates the Page video on the video host; Facebook processes it asynchronously. */
export async function publishVideo(
  ctx: AccountContext,
  item: MediaItem,
  text: string,
  title?: string
): Promise<PublishOutcome<Published>> {
  const handle = await uploadFile(ctx, item)
  if (handle.status !== 'ok') return handle
  const created = await graph(ctx, 'graphVideo').send<{ id: string }>({
    method: 'POST',
    url: `${ctx.account.externalId}/videos`,
    form: {
      description: text,
      fbuploader_video_file_chunk: handle.value,
      published: 'true',
      ...(title ? { title } : {}),
    },
    token: ctx.token.accessToken,
  })
  if (created.status !== 'ok') return created
  return pending(
    JSON.stringify({ v: 1, videoId: created.value.body.id } satisfies VideoHandle),
    CHECK_AFTER_SECONDS
  )
}

interface VideoStatus {
  video_status?: string
  processing_phase?: { status?: string; errors?: { message?: string }[] }
  publishing_phase?: { status?: string; publish_status?: string; errors?: { message?: string }[] }
  uploading_phase?: { status?: string; errors?: { message?: string }[] }
}

/** Reads the video's `status` (VideoStatus in Meta's codegen) until it is ready and published. */
export async function checkVideoStatus(
  ctx: AccountContext,
  handle: string
): Promise<PublishOutcome<Published>> {
  let parsed: VideoHandle
  try {
    parsed = JSON.parse(handle)
    if (parsed?.v !== 1 || typeof parsed.videoId !== 'string') throw new Error('unknown handle')
  } catch {
    return failed('unreadable pending handle', false, 'bad_handle')
  }
  const read = await graph(ctx).send<{ id: string; post_id?: string; status?: VideoStatus }>({
    url: parsed.videoId,
    query: { fields: 'status,post_id,permalink_url' },
    token: ctx.token.accessToken,
  })
  if (read.status !== 'ok') return read
  const status = read.value.body.status ?? {}
  const phases = [status.uploading_phase, status.processing_phase, status.publishing_phase]
  const error = phases.find((phase) => phase?.status === 'error')
  if (status.video_status === 'error' || error) {
    return failed(
      `Facebook could not process the video: ${error?.errors?.[0]?.message ?? 'unknown error'}`,
      false,
      'video_processing_failed'
    )
  }
  const published =
    status.publishing_phase?.status === 'complete' ||
    status.publishing_phase?.publish_status === 'published'
  if (status.video_status !== 'ready' || !published || !read.value.body.post_id)
    return pending(handle, CHECK_AFTER_SECONDS)
  const postId = read.value.body.post_id
  return ok({ externalId: postId, url: postUrl(ctx, postId) })
}

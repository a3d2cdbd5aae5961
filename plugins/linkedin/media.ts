import { failed, ok, type HttpClient, type MediaItem, type PluginSettings, type Result } from '#sdk'
import { encodeUrn, restHeaders } from './urls.js'

/** One uploaded file as the publish flow tracks it (kept in a pending handle, so plain data). */
export interface UploadedMedia {
  urn: string
  kind: 'image' | 'video'
  altText: string | null
  /** LinkedIn's asset status; a video must reach AVAILABLE before a post may use it. */
  status: 'AVAILABLE' | 'PROCESSING' | 'WAITING_UPLOAD' | 'PROCESSING_FAILED' | string
}

interface UploadCall {
  http: HttpClient
  settings: PluginSettings
  token: string
  owner: string
}

/** POST /rest/images?action=initializeUpload, then PUT the bytes (with the bearer token, as LinkedIn's docs show). */
async function uploadImage(call: UploadCall, item: MediaItem): Promise<Result<UploadedMedia>> {
  const init = await call.http.send<{ value: { uploadUrl: string; image: string } }>({
    method: 'POST',
    url: '/rest/images?action=initializeUpload',
    headers: restHeaders(call.settings),
    bearer: call.token,
    json: { initializeUploadRequest: { owner: call.owner } },
  })
  if (init.status !== 'ok') return init
  const { uploadUrl, image } = init.value.body.value
  const put = await call.http.send({
    method: 'PUT',
    url: uploadUrl,
    bearer: call.token,
    headers: { 'content-type': 'application/octet-stream' },
    body: await item.read(),
    timeoutMs: 120_000,
  })
  if (put.status !== 'ok') return put
  // Images are usable in a post while LinkedIn finishes them: no wait.
  return ok({ urn: image, kind: 'image', altText: item.altText ?? null, status: 'AVAILABLE' })
}

interface UploadInstruction {
  uploadUrl: string
  firstByte: number
  lastByte: number
}

/** initializeUpload → PUT each byte range LinkedIn assigns (keeping its ETag) → finalizeUpload. */
async function uploadVideo(call: UploadCall, item: MediaItem): Promise<Result<UploadedMedia>> {
  const bytes = await item.read()
  const init = await call.http.send<{
    value: { video: string; uploadToken?: string; uploadInstructions: UploadInstruction[] }
  }>({
    method: 'POST',
    url: '/rest/videos?action=initializeUpload',
    headers: restHeaders(call.settings),
    bearer: call.token,
    json: {
      initializeUploadRequest: {
        owner: call.owner,
        fileSizeBytes: bytes.length,
        uploadCaptions: false,
        uploadThumbnail: false,
      },
    },
  })
  if (init.status !== 'ok') return init
  const { video, uploadToken = '', uploadInstructions } = init.value.body.value
  const etags: string[] = []
  for (const part of uploadInstructions) {
    // The part URLs are pre-signed: no Authorization header.
    const put = await call.http.send({
      method: 'PUT',
      url: part.uploadUrl,
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes.subarray(part.firstByte, part.lastByte + 1),
      timeoutMs: 300_000,
    })
    if (put.status !== 'ok') return put
    const etag = put.value.headers.get('etag')
    if (!etag)
      return failed(
        `LinkedIn gave no ETag for bytes ${part.firstByte}-${part.lastByte}`,
        true,
        'upload_incomplete'
      )
    etags.push(etag)
  }
  const finalized = await call.http.send({
    method: 'POST',
    url: '/rest/videos?action=finalizeUpload',
    headers: restHeaders(call.settings),
    bearer: call.token,
    json: { finalizeUploadRequest: { video, uploadToken, uploadedPartIds: etags } },
  })
  if (finalized.status !== 'ok') return finalized
  return ok({ urn: video, kind: 'video', altText: item.altText ?? null, status: 'PROCESSING' })
}

export function uploadMedia(call: UploadCall, item: MediaItem) {
  return item.kind === 'video' ? uploadVideo(call, item) : uploadImage(call, item)
}

/** Asks LinkedIn once how each unfinished video is doing (GET /rest/videos/{urn}). */
export async function pollVideos(
  http: HttpClient,
  settings: PluginSettings,
  token: string,
  media: UploadedMedia[]
): Promise<Result<void>> {
  for (const item of media) {
    if (item.kind !== 'video' || item.status === 'AVAILABLE' || item.status === 'PROCESSING_FAILED')
      continue
    const status = await http.send<{ status: string }>({
      url: `/rest/videos/${encodeUrn(item.urn)}`,
      headers: restHeaders(settings),
      bearer: token,
    })
    if (status.status !== 'ok') return status
    item.status = status.value.body.status
  }
  return ok(undefined)
}

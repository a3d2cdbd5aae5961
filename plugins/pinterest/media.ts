import { failed, ok, type HttpClient, type MediaItem, type Result } from '#sdk'

interface MediaUpload {
  media_id: string
  upload_url: string
  upload_parameters: Record<string, string>
}

export type VideoStatus = 'registered' | 'processing' | 'succeeded' | 'failed'

/**
 * Video: POST /media registers an upload and answers with an S3 form (upload_url + the
 * policy fields); the file is POSTed there as multipart, the file last as S3 requires.
 */
export async function uploadVideo(
  http: HttpClient,
  token: string,
  item: MediaItem
): Promise<Result<string>> {
  const registered = await http.send<MediaUpload>({
    method: 'POST',
    url: 'media',
    bearer: token,
    json: { media_type: 'video' },
  })
  if (registered.status !== 'ok') return registered
  const { media_id: id, upload_url: uploadUrl, upload_parameters: fields } = registered.value.body
  const form = new FormData()
  for (const [name, value] of Object.entries(fields ?? {})) form.append(name, value)
  form.append(
    'file',
    new Blob([(await item.read()) as Uint8Array<ArrayBuffer>], { type: item.mimeType }),
    'video.mp4'
  )
  // A pre-signed S3 form: no bearer token goes to the upload host.
  const uploaded = await http.send({
    method: 'POST',
    url: uploadUrl,
    body: form,
    timeoutMs: 600_000,
  })
  if (uploaded.status !== 'ok') return uploaded
  return ok(id)
}

/** GET /media/{id}: where Pinterest's processing of the video stands. */
export async function videoStatus(
  http: HttpClient,
  token: string,
  id: string
): Promise<Result<VideoStatus>> {
  const status = await http.send<{ status?: VideoStatus }>({
    url: `media/${encodeURIComponent(id)}`,
    bearer: token,
  })
  if (status.status !== 'ok') return status
  return ok(status.value.body.status ?? 'registered')
}

/** Base64 for networks that cannot fetch our URL (no publicUrl configured). */
export async function base64Of(item: MediaItem) {
  return Buffer.from(await item.read()).toString('base64')
}

export const videoFailed = (id: string) =>
  failed(`Pinterest could not process video ${id}`, false, 'media_processing_failed')

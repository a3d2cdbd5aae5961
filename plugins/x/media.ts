import { failed, ok, type HttpClient, type MediaItem, type Result } from '#sdk'
import { mapForbidden } from './errors.js'

/** X accepts segments of up to 5 MB; 4 MB leaves headroom for the multipart envelope. */
export const CHUNK_BYTES = 4 * 1024 * 1024
/** segment_index runs 0–999 (spec), so very large files get larger chunks. */
const MAX_SEGMENTS = 1000

interface ProcessingInfo {
  state?: 'pending' | 'in_progress' | 'failed' | 'succeeded'
  check_after_secs?: number
  progress_percent?: number
  error?: { message?: string; name?: string }
}

/** One uploaded file as the publish flow tracks it (kept in a pending handle, so plain data). */
export interface UploadedMedia {
  id: string
  altText: string | null
  /** Null once X has nothing left to do (images usually come back without processing_info). */
  processing: ProcessingInfo | null
}

export function mediaCategory(item: Pick<MediaItem, 'kind' | 'mimeType'>) {
  if (item.kind === 'video') return 'tweet_video'
  return item.mimeType === 'image/gif' ? 'tweet_gif' : 'tweet_image'
}

/** Splits a file into the segments APPEND sends: at most 1000, each at most `chunkBytes` unless that would exceed 1000. */
export function chunksOf(bytes: Uint8Array, chunkBytes = CHUNK_BYTES): Uint8Array[] {
  const size = Math.max(chunkBytes, Math.ceil(bytes.length / MAX_SEGMENTS))
  const chunks: Uint8Array[] = []
  for (let start = 0; start < bytes.length; start += size)
    chunks.push(bytes.subarray(start, start + size))
  return chunks
}

/** INITIALIZE → APPEND × n → FINALIZE; processing (video, GIF) is followed separately. */
export async function uploadMedia(
  http: HttpClient,
  token: string,
  item: MediaItem,
  chunkBytes = CHUNK_BYTES
): Promise<Result<UploadedMedia>> {
  const bytes = await item.read()
  const init = mapForbidden(
    await http.send<{ data: { id: string } }>({
      method: 'POST',
      url: '/2/media/upload/initialize',
      bearer: token,
      json: {
        media_type: item.mimeType,
        total_bytes: bytes.length,
        media_category: mediaCategory(item),
      },
    })
  )
  if (init.status !== 'ok') return init
  const id = init.value.body.data.id

  const chunks = chunksOf(bytes, chunkBytes)
  for (const [index, chunk] of chunks.entries()) {
    const form = new FormData()
    form.append(
      'media',
      new Blob([chunk as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }),
      'media'
    )
    form.append('segment_index', String(index))
    const appended = mapForbidden(
      await http.send({
        method: 'POST',
        url: `/2/media/upload/${id}/append`,
        bearer: token,
        body: form,
        timeoutMs: 120_000,
      })
    )
    if (appended.status !== 'ok') return appended
  }

  const finalized = mapForbidden(
    await http.send<{ data: { id: string; processing_info?: ProcessingInfo } }>({
      method: 'POST',
      url: `/2/media/upload/${id}/finalize`,
      bearer: token,
      timeoutMs: 60_000,
    })
  )
  if (finalized.status !== 'ok') return finalized
  return ok({
    id,
    altText: item.altText ?? null,
    processing: activeProcessing(finalized.value.body.data.processing_info),
  })
}

function activeProcessing(info: ProcessingInfo | undefined): ProcessingInfo | null {
  return info && info.state !== 'succeeded' ? info : null
}

/** Asks X once how each still-processing file is doing (GET /2/media/upload?media_id=…). */
export async function pollProcessing(
  http: HttpClient,
  token: string,
  media: UploadedMedia[]
): Promise<Result<void>> {
  for (const item of media) {
    if (!item.processing || item.processing.state === 'failed') continue
    const status = mapForbidden(
      await http.send<{ data: { processing_info?: ProcessingInfo } }>({
        url: '/2/media/upload',
        query: { media_id: item.id, command: 'STATUS' },
        bearer: token,
      })
    )
    if (status.status !== 'ok') return status
    item.processing = activeProcessing(status.value.body.data.processing_info)
  }
  return ok(undefined)
}

export type ProcessingState =
  | { kind: 'ready' }
  | { kind: 'processing'; checkAfter: number }
  | { kind: 'failed'; reason: string }

/**
 * The longest wait an answer may ask for: `check_after_secs` comes from the network, and a
 * hostile or buggy value must not park a delivery for years. X's own waits are seconds.
 */
export const MAX_CHECK_AFTER_SECS = 300

/** Where the batch stands: a failure wins, then the longest wait X asked for (capped). */
export function processingState(media: UploadedMedia[]): ProcessingState {
  const broken = media.find((item) => item.processing?.state === 'failed')
  if (broken) {
    const detail =
      broken.processing?.error?.message ?? broken.processing?.error?.name ?? 'processing failed'
    return { kind: 'failed', reason: `X could not process media ${broken.id}: ${detail}` }
  }
  const busy = media.filter((item) => item.processing)
  if (!busy.length) return { kind: 'ready' }
  return {
    kind: 'processing',
    checkAfter: Math.min(
      MAX_CHECK_AFTER_SECS,
      Math.max(1, ...busy.map((item) => waitOf(item.processing?.check_after_secs)))
    ),
  }
}

/** A usable wait in seconds: a finite positive number, else X's usual 1 s. */
const waitOf = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 1

export const processingFailed = (reason: string) => failed(reason, false, 'media_processing_failed')

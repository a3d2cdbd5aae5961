import { createReadStream } from 'node:fs'
import type { HttpContext } from '@adonisjs/core/http'
import type MediaAsset from '#models/media_asset'
import MediaVariant from '#models/media_variant'
import NotFoundException from '#exceptions/not_found_exception'
import { extensionFor, localMediaPath, mediaDisk } from '#services/media/storage'
import { parseByteRange } from '#services/media/byte_range'

/** The only types ever sent back: what the library accepts, plus its WebP thumbnails. */
const SAFE_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'video/mp4',
  'video/quicktime',
  'video/webm',
])

async function pick(asset: MediaAsset, variant: string | undefined) {
  if (!variant || variant === 'original') return { key: asset.storageKey, mimeType: asset.mimeType }
  if (variant === 'thumbnail')
    return asset.thumbnailKey ? { key: asset.thumbnailKey, mimeType: 'image/webp' } : null
  const row = await MediaVariant.query()
    .where('media_asset_id', asset.id)
    .where('network', variant)
    .where('status', 'ready')
    .first()
  return row?.key && row.mimeType ? { key: row.key, mimeType: row.mimeType } : null
}

/**
 * Streams one stored file with headers that stop a browser from treating it as anything
 * but the image or video it is: a type from the allow-list (else a download), nosniff, a
 * server-made file name and a CSP that forbids scripts and sandboxes the document.
 */
export async function serveMediaFile(
  { request, response }: HttpContext,
  asset: MediaAsset,
  variant?: string
) {
  const file = await pick(asset, variant)
  if (!file) throw new NotFoundException()
  const disk = await mediaDisk()
  const meta = await disk.getMetaData(file.key).catch(() => null)
  if (!meta) throw new NotFoundException()
  const safe = SAFE_TYPES.has(file.mimeType)
  const name = `media-${asset.id}${variant && variant !== 'original' ? `-${variant}` : ''}.${extensionFor(file.mimeType)}`
  response.header('Content-Type', safe ? file.mimeType : 'application/octet-stream')
  response.header('X-Content-Type-Options', 'nosniff')
  response.header('Content-Disposition', `${safe ? 'inline' : 'attachment'}; filename="${name}"`)
  response.header(
    'Content-Security-Policy',
    "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox"
  )
  response.header('Cross-Origin-Resource-Policy', 'same-site')
  response.header('Cache-Control', 'private, max-age=300')
  const path = localMediaPath(file.key)
  if (!path) {
    // Remote storage streams whole objects only: ranges are not advertised (a 200 is always valid).
    response.header('Content-Length', String(meta.contentLength))
    return response.stream(await disk.getStream(file.key))
  }
  response.header('Accept-Ranges', 'bytes')
  const range = parseByteRange(request.header('range'), meta.contentLength)
  if (range.kind === 'unsatisfiable') {
    response.header('Content-Range', `bytes */${meta.contentLength}`)
    return response.status(416).send('')
  }
  if (range.kind === 'whole') {
    response.header('Content-Length', String(meta.contentLength))
    return response.stream(createReadStream(path))
  }
  response.status(206)
  response.header('Content-Range', `bytes ${range.start}-${range.end}/${meta.contentLength}`)
  response.header('Content-Length', String(range.end - range.start + 1))
  return response.stream(createReadStream(path, { start: range.start, end: range.end }))
}

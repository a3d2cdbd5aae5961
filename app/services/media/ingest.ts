import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import sharp from 'sharp'
import type { MediaConfig } from '#config/media'
import MediaAsset, { type MediaKind } from '#models/media_asset'
import queue from '#queue/main'
import { PROCESS_MEDIA } from '#queue/job_specs'
import { MediaRejection } from '#services/media/errors'
import { imageHeader, probeVideo, sniffType } from '#services/media/probe'
import { deleteKeys, newKey, putFile, removeTemp, tempPath } from '#services/media/storage'

export interface IncomingFile {
  /** A local temporary file the caller owns (bodyparser upload or URL download). */
  path: string
  /** Display name only. */
  name: string
}

export interface IngestContext {
  workspaceId: number
  userId: number | null
  config: MediaConfig
}

function sha256Of(path: string) {
  return new Promise<string>((resolve, reject) => {
    const hash = createHash('sha256')
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')))
  })
}

/** Display name: no path, no control characters, bounded. */
export function displayName(name: string) {
  const base = name.split(/[\\/]/).at(-1) ?? ''
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f<>"]/g, '').trim()
  return (clean || 'file').slice(0, 200)
}

interface Prepared {
  kind: MediaKind
  mimeType: string
  path: string
  width: number | null
  height: number | null
  durationSeconds: number | null
}

/**
 * Validates an image fully (header limits, then a complete decode) and re-encodes it, which
 * drops EXIF/GPS unless the config keeps metadata. The orientation is applied to the pixels.
 */
async function prepareImage(
  path: string,
  mimeType: string,
  config: MediaConfig
): Promise<Prepared> {
  const header = await imageHeader(path).catch(() => {
    throw new MediaRejection('corrupt')
  })
  if (!header.width || !header.height) throw new MediaRejection('corrupt')
  if (header.width * header.height > config.maxImagePixels) {
    throw new MediaRejection('pixel_flood', {
      width: header.width,
      height: header.height,
      megapixels: Math.round(config.maxImagePixels / 1e6),
    })
  }
  const animated = header.pages > 1
  const out = tempPath()
  try {
    let image = sharp(path, {
      limitInputPixels: config.maxImagePixels,
      failOn: 'truncated',
      animated,
    })
    if (!animated) image = image.rotate()
    if (!config.stripMetadata) image = image.keepMetadata()
    if (mimeType === 'image/jpeg') image = image.jpeg({ quality: 90 })
    else if (mimeType === 'image/png') image = image.png({ compressionLevel: 6 })
    else if (mimeType === 'image/webp') image = image.webp({ quality: 90 })
    else image = image.gif()
    const info = await image.toFile(out)
    const height =
      animated && info.height && header.pages ? Math.round(info.height / header.pages) : info.height
    return { kind: 'image', mimeType, path: out, width: info.width, height, durationSeconds: null }
  } catch (error) {
    await removeTemp(out)
    if (error instanceof MediaRejection) throw error
    throw new MediaRejection('corrupt', {}, (error as Error).message)
  }
}

async function checkVideo(path: string, mimeType: string, config: MediaConfig): Promise<Prepared> {
  const probe = await probeVideo(path, config).catch((error) => {
    throw new MediaRejection('corrupt', {}, (error as Error).message)
  })
  if (!probe.hasVideo) throw new MediaRejection('no_video_stream')
  if (!probe.durationSeconds || probe.durationSeconds <= 0 || !probe.width || !probe.height)
    throw new MediaRejection('corrupt')
  if (probe.durationSeconds > config.maxVideoSeconds) {
    throw new MediaRejection('too_long', {
      seconds: Math.round(probe.durationSeconds),
      max: config.maxVideoSeconds,
    })
  }
  if (Math.max(probe.width, probe.height) > config.maxVideoDimension) {
    throw new MediaRejection('dimensions', {
      width: probe.width,
      height: probe.height,
      max: config.maxVideoDimension,
    })
  }
  return {
    kind: 'video',
    mimeType,
    path,
    width: probe.width,
    height: probe.height,
    durationSeconds: probe.durationSeconds,
  }
}

/**
 * Turns one incoming file into a library asset, or refuses it with a MediaRejection.
 * Order matters: everything is checked on the temporary file first; only a file that
 * passed is stored, and the row is written last, so a failure at any step leaves no
 * row and no stored object. The caller still removes its own temporary file.
 */
export async function ingestFile(file: IncomingFile, context: IngestContext): Promise<MediaAsset> {
  const { config } = context
  const { size } = await stat(file.path)
  if (size === 0) throw new MediaRejection('empty')

  const mimeType = await sniffType(file.path)
  const kind: MediaKind | null =
    mimeType && config.imageTypes.includes(mimeType)
      ? 'image'
      : mimeType && config.videoTypes.includes(mimeType)
        ? 'video'
        : null
  if (!mimeType || !kind) throw new MediaRejection('unsupported_type')
  const maxBytes = kind === 'image' ? config.maxImageBytes : config.maxVideoBytes
  if (size > maxBytes)
    throw new MediaRejection('too_large', { max: Math.floor(maxBytes / (1024 * 1024)) })

  const prepared =
    kind === 'image'
      ? await prepareImage(file.path, mimeType, config)
      : await checkVideo(file.path, mimeType, config)
  const key = newKey(context.workspaceId, 'originals', mimeType)
  let stored = false
  try {
    const bytes = (await stat(prepared.path)).size
    const sha256 = await sha256Of(prepared.path)
    await putFile(key, prepared.path, mimeType)
    stored = true
    const asset = await MediaAsset.create({
      workspaceId: context.workspaceId,
      uploadedById: context.userId,
      kind,
      originalName: displayName(file.name),
      mimeType,
      bytes,
      width: prepared.width,
      height: prepared.height,
      durationSeconds: prepared.durationSeconds,
      altText: null,
      status: 'processing',
      failureReason: null,
      storageKey: key,
      thumbnailKey: null,
      sha256,
    })
    try {
      await queue.dispatch(PROCESS_MEDIA, { assetId: asset.id })
    } catch (error) {
      await asset.delete()
      throw error
    }
    return asset
  } catch (error) {
    if (stored) await deleteKeys([key])
    throw error
  } finally {
    if (prepared.path !== file.path) await removeTemp(prepared.path)
  }
}

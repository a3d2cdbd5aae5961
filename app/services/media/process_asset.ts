import { stat } from 'node:fs/promises'
import sharp from 'sharp'
import type { MediaConfig } from '#config/media'
import type MediaAsset from '#models/media_asset'
import { MediaRejection } from '#services/media/errors'
import { probeVideo } from '#services/media/probe'
import { ProcessError, runProcess } from '#services/media/run_process'
import {
  deleteKeys,
  downloadToTemp,
  extensionFor,
  newKey,
  putFile,
  removeTemp,
  tempPath,
} from '#services/media/storage'

async function imageThumbnail(input: string | Buffer, config: MediaConfig) {
  const out = tempPath('.webp')
  await sharp(input, { limitInputPixels: config.maxImagePixels })
    .rotate()
    .resize(config.thumbnailSize, config.thumbnailSize, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 78 })
    .toFile(out)
  return out
}

/**
 * Videos: the container is rewritten without its metadata (phones store the GPS position
 * there) and with the index up front, streams copied as they are; then a poster frame.
 */
async function processVideo(asset: MediaAsset, config: MediaConfig) {
  const input = await downloadToTemp(asset.storageKey, `.${extensionFor(asset.mimeType)}`)
  const clean = tempPath(`.${extensionFor(asset.mimeType)}`)
  const poster = tempPath('.png')
  let thumb: string | null = null
  try {
    const probe = await probeVideo(input, config)
    if (!probe.hasVideo) throw new MediaRejection('no_video_stream')
    await runProcess(
      config.ffmpegPath,
      [
        '-nostdin',
        '-y',
        '-v',
        'error',
        '-i',
        input,
        '-map',
        '0:v:0',
        '-map',
        '0:a:0?',
        '-c',
        'copy',
        '-map_metadata',
        '-1',
        ...(asset.mimeType === 'video/webm' ? [] : ['-movflags', '+faststart']),
        clean,
      ],
      { timeoutMs: config.transcodeTimeoutMs }
    )
    const at = Math.min(1, (probe.durationSeconds ?? 0) / 2)
    await runProcess(
      config.ffmpegPath,
      [
        '-nostdin',
        '-y',
        '-v',
        'error',
        '-ss',
        at.toFixed(3),
        '-i',
        clean,
        '-frames:v',
        '1',
        '-f',
        'image2',
        '-c:v',
        'png',
        poster,
      ],
      { timeoutMs: config.probeTimeoutMs }
    )
    thumb = await imageThumbnail(poster, config)
    const key = newKey(asset.workspaceId, 'originals', asset.mimeType)
    const thumbnailKey = newKey(asset.workspaceId, 'thumbnails', 'image/webp')
    await putFile(key, clean, asset.mimeType)
    await putFile(thumbnailKey, thumb, 'image/webp')
    const previous = asset.storageKey
    asset.merge({
      storageKey: key,
      thumbnailKey,
      bytes: (await stat(clean)).size,
      width: probe.width,
      height: probe.height,
      durationSeconds: probe.durationSeconds,
      status: 'ready',
      failureReason: null,
    })
    await asset.save()
    await deleteKeys([previous])
  } finally {
    await removeTemp(input, clean, poster, thumb)
  }
}

async function processImage(asset: MediaAsset, config: MediaConfig) {
  const input = await downloadToTemp(asset.storageKey)
  let thumb: string | null = null
  try {
    const meta = await sharp(input, { limitInputPixels: config.maxImagePixels }).metadata()
    thumb = await imageThumbnail(input, config)
    const thumbnailKey = newKey(asset.workspaceId, 'thumbnails', 'image/webp')
    await putFile(thumbnailKey, thumb, 'image/webp')
    asset.merge({
      thumbnailKey,
      width: asset.width ?? meta.width ?? null,
      height: asset.height ?? meta.height ?? null,
      status: 'ready',
      failureReason: null,
    })
    await asset.save()
  } finally {
    await removeTemp(input, thumb)
  }
}

/** Probe, thumbnail, ready. Throws on failure; the job decides between retrying and "failed". */
export async function processAsset(asset: MediaAsset, config: MediaConfig) {
  try {
    if (asset.kind === 'video') await processVideo(asset, config)
    else await processImage(asset, config)
  } catch (error) {
    // ffmpeg/ffprobe/libvips refusing the bytes will refuse them again: no point retrying.
    if (
      error instanceof ProcessError ||
      /^(Input|VipsJpeg|VipsPng|vips|pngload|jpegload|webpload|gifload)/i.test(
        (error as Error).message ?? ''
      )
    ) {
      throw new MediaRejection('corrupt', {}, (error as Error).message)
    }
    throw error
  }
}

/** Marks an asset failed with a reason a user can read (bounded to the column). */
export async function markAssetFailed(asset: MediaAsset, reason: string) {
  asset.merge({ status: 'failed', failureReason: reason.slice(0, 480) })
  await asset.save()
}

import { deliveredImageFormat, imageMaxBytes, paddedCanvas, type ImageRules } from '#sdk'
import type { MediaConfig } from '#config/media'
import { MediaUnusableError } from '#services/media/errors'

export interface ImageTarget {
  buffer: Buffer | null
  mimeType: string
  width: number
  height: number
}

function pickFormat(rules: ImageRules, source: string) {
  const format = deliveredImageFormat(rules, source)
  if (!format)
    throw new MediaUnusableError(
      `The network takes none of the image formats we can produce (${rules.formats.join(', ')})`
    )
  return format
}

/**
 * Fits an image to a network's rules: its format (re-encoded when the network does not take
 * it), its aspect bounds (padded) and its byte ceiling (lower quality first, then smaller
 * dimensions). Returns `buffer: null` when the original already fits and can be reused.
 */
export async function fitImage(
  input: Buffer,
  source: { mimeType: string; width: number; height: number; bytes: number },
  rules: ImageRules,
  config: MediaConfig
): Promise<ImageTarget> {
  const format = pickFormat(rules, source.mimeType)
  const canvas = paddedCanvas(source.width, source.height, rules.aspectRatio)
  const fitsAlready =
    format === source.mimeType &&
    canvas.width === source.width &&
    canvas.height === source.height &&
    (!imageMaxBytes(rules, format) || source.bytes <= imageMaxBytes(rules, format)!)
  if (fitsAlready) return { buffer: null, ...source, mimeType: format }
  if (source.mimeType === 'image/gif' && format === 'image/gif') {
    // An animated GIF that is too big cannot be shrunk reliably by re-encoding: say so.
    throw new MediaUnusableError('This GIF is larger than the network accepts')
  }

  // Only here, when an image must really be re-encoded: the publish path of text-only posts and of
  // images that already fit never loads sharp and libvips (~8 MB of the worker's memory).
  const { default: sharp } = await import('sharp')
  let scale = 1
  const qualities = [86, 78, 70, 62]
  for (let round = 0; round < 8; round++) {
    const quality = qualities[Math.min(round, qualities.length - 1)]
    const width = Math.max(1, Math.round(canvas.width * scale))
    const height = Math.max(1, Math.round(canvas.height * scale))
    const inner = {
      width: Math.max(1, Math.round(source.width * scale)),
      height: Math.max(1, Math.round(source.height * scale)),
    }
    const background =
      format === 'image/jpeg'
        ? { r: 255, g: 255, b: 255, alpha: 1 }
        : { r: 255, g: 255, b: 255, alpha: 0 }
    let image = sharp(input, { limitInputPixels: config.maxImagePixels })
      .rotate()
      .resize(inner.width, inner.height, { fit: 'fill' })
      .extend({
        top: Math.floor((height - inner.height) / 2),
        bottom: Math.ceil((height - inner.height) / 2),
        left: Math.floor((width - inner.width) / 2),
        right: Math.ceil((width - inner.width) / 2),
        background,
      })
    if (format === 'image/jpeg')
      image = image.flatten({ background: '#ffffff' }).jpeg({ quality, mozjpeg: true })
    else if (format === 'image/webp') image = image.webp({ quality })
    else image = image.png({ compressionLevel: 9, palette: round > 1 })
    const buffer = await image.toBuffer()
    if (!rules.maxBytes || buffer.byteLength <= rules.maxBytes)
      return { buffer, mimeType: format, width, height }
    if (round >= qualities.length - 1) scale *= Math.sqrt(rules.maxBytes / buffer.byteLength) * 0.95
  }
  throw new MediaUnusableError('The image could not be brought under the network’s size limit')
}

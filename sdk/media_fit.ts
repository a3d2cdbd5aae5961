import {
  imageMaxBytes,
  type Capabilities,
  type ImageRules,
  type VideoRules,
} from './capabilities.js'
import type { MediaItem } from './contract.js'

/**
 * How the app's media pipeline adapts a library file to a network before a plugin sees it:
 * images are re-encoded to a format the network takes, padded (never cropped) into its
 * aspect bounds and compressed under its byte ceiling; videos that do not fit become
 * H.264/AAC MP4 scaled, padded and bit-rate-capped to fit. Length is never changed.
 * The pipeline uses these rules to make its variants, and the composer uses
 * `asDelivered` to check media as the network will get it — so a 4 MB phone photo is not
 * reported "too large" for a network the pipeline will shrink it for.
 */

/** The canvas that brings width/height inside the aspect bounds by padding, never cropping. */
export function paddedCanvas(width: number, height: number, aspect?: { min: number; max: number }) {
  if (!aspect) return { width, height }
  const ratio = width / height
  if (ratio < aspect.min) return { width: Math.ceil(height * aspect.min), height }
  if (ratio > aspect.max) return { width, height: Math.ceil(width / aspect.max) }
  return { width, height }
}

/** Formats the pipeline can encode images to, in order of preference. */
const ENCODABLE_IMAGE_FORMATS = ['image/jpeg', 'image/webp', 'image/png']

/** The format an image is delivered in: its own when the network takes it, else one the pipeline can encode; null when neither. */
export function deliveredImageFormat(rules: ImageRules, source: string): string | null {
  if (rules.formats.includes(source)) return source
  return ENCODABLE_IMAGE_FORMATS.find((format) => rules.formats.includes(format)) ?? null
}

const even = (value: number) => Math.max(2, Math.floor(value / 2) * 2)

/** The video's output size when it is transcoded: padded into the aspect bounds, then scaled under the maximum dimensions. */
export function transcodedVideoSize(width: number, height: number, rules: VideoRules) {
  const canvas = paddedCanvas(width, height, rules.aspectRatio)
  const scale = Math.min(
    1,
    (rules.maxWidth ?? Infinity) / canvas.width,
    (rules.maxHeight ?? Infinity) / canvas.height
  )
  return {
    outer: { width: even(canvas.width * scale), height: even(canvas.height * scale) },
    inner: { width: even(width * scale), height: even(height * scale) },
  }
}

/** Whether a video of this size goes to the network as it is: within the aspect bounds and the maximum dimensions. */
export function videoDimensionsFit(width: number, height: number, rules: VideoRules) {
  const canvas = paddedCanvas(width, height, rules.aspectRatio)
  return (
    canvas.width === width &&
    canvas.height === height &&
    (!rules.maxWidth || width <= rules.maxWidth) &&
    (!rules.maxHeight || height <= rules.maxHeight)
  )
}

function deliveredImage(item: MediaItem, rules: ImageRules): MediaItem {
  const format = deliveredImageFormat(rules, item.mimeType)
  // Nothing the pipeline can do (no format it can make; an oversized GIF kept as a GIF): as is.
  const maxBytes = format ? imageMaxBytes(rules, format) : undefined
  if (!format || (format === 'image/gif' && maxBytes && item.bytes > maxBytes)) return item
  const canvas =
    item.width && item.height ? paddedCanvas(item.width, item.height, rules.aspectRatio) : null
  return {
    ...item,
    mimeType: format,
    bytes: maxBytes ? Math.min(item.bytes, maxBytes) : item.bytes,
    width: canvas?.width ?? item.width,
    height: canvas?.height ?? item.height,
  }
}

function deliveredVideo(item: MediaItem, rules: VideoRules): MediaItem {
  // Without MP4 the pipeline cannot transcode; the length is never changed (the checks still see it).
  if (!rules.formats.includes('video/mp4')) return item
  const { width, height } = item
  const size = width && height ? transcodedVideoSize(width, height, rules).outer : null
  const dimensionsFit = !width || !height || videoDimensionsFit(width, height, rules)
  const needsTranscode =
    !rules.formats.includes(item.mimeType) ||
    Boolean(rules.maxBytes && item.bytes > rules.maxBytes) ||
    !dimensionsFit
  if (!needsTranscode) return item
  return {
    ...item,
    mimeType: 'video/mp4',
    bytes: rules.maxBytes ? Math.min(item.bytes, rules.maxBytes) : item.bytes,
    width: size?.width ?? item.width,
    height: size?.height ?? item.height,
  }
}

/** A library item as the pipeline will deliver it to a network with these capabilities. */
export function asDelivered(item: MediaItem, capabilities: Capabilities): MediaItem {
  if (item.kind === 'image')
    return capabilities.images ? deliveredImage(item, capabilities.images) : item
  return capabilities.video ? deliveredVideo(item, capabilities.video) : item
}

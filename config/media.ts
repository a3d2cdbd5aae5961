import env from '#start/env'

const MB = 1024 * 1024

/**
 * Media library limits and tools. Mutable on purpose: tests lower a limit for one case
 * (`app.config.get<MediaConfig>('media').maxImageBytes = …`) as an operator would by env.
 */
export interface MediaConfig {
  /** Only these types are accepted, detected from the bytes, never from the name. */
  imageTypes: string[]
  videoTypes: string[]
  maxImageBytes: number
  maxVideoBytes: number
  /** width × height ceiling, checked from the header before anything is decoded (pixel floods). */
  maxImagePixels: number
  maxVideoSeconds: number
  /** Largest width or height of a video accepted in the library. */
  maxVideoDimension: number
  /** Re-encode images without EXIF (GPS, camera serial…), keeping only the orientation applied. */
  stripMetadata: boolean
  ffmpegPath: string
  ffprobePath: string
  /** ffprobe and poster frames; transcodes get `transcodeTimeoutMs`. */
  probeTimeoutMs: number
  transcodeTimeoutMs: number
  thumbnailSize: number
  /** How long `pluginMediaItems` waits for variants before answering "retry later". */
  variantWaitMs: number
  /** Lifetime of the signed URLs handed to networks that fetch media themselves. */
  signedUrlSeconds: number
  import: {
    maxBytes: number
    timeoutMs: number
    maxRedirects: number
  }
}

const mediaConfig: MediaConfig = {
  imageTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
  videoTypes: ['video/mp4', 'video/quicktime', 'video/webm'],
  maxImageBytes: env.get('MEDIA_MAX_IMAGE_MB', 20) * MB,
  maxVideoBytes: env.get('MEDIA_MAX_VIDEO_MB', 512) * MB,
  maxImagePixels: env.get('MEDIA_MAX_IMAGE_MEGAPIXELS', 80) * 1_000_000,
  maxVideoSeconds: env.get('MEDIA_MAX_VIDEO_SECONDS', 900),
  maxVideoDimension: 4096,
  stripMetadata: !env.get('MEDIA_KEEP_METADATA', false),
  ffmpegPath: env.get('FFMPEG_PATH', 'ffmpeg'),
  ffprobePath: env.get('FFPROBE_PATH', 'ffprobe'),
  probeTimeoutMs: 30_000,
  transcodeTimeoutMs: env.get('MEDIA_TRANSCODE_TIMEOUT_SECONDS', 900) * 1000,
  thumbnailSize: 480,
  variantWaitMs: 20_000,
  signedUrlSeconds: 6 * 3600,
  import: {
    maxBytes: env.get('MEDIA_IMPORT_MAX_MB', 50) * MB,
    timeoutMs: env.get('MEDIA_IMPORT_TIMEOUT_SECONDS', 30) * 1000,
    maxRedirects: 5,
  },
}

export default mediaConfig

import type { MediaConfig } from '#config/media'
import { runProcess } from '#services/media/run_process'

/** The type the bytes say the file is (magic numbers), whatever its name or the browser claims. */
export async function sniffType(path: string): Promise<string | null> {
  // Imported here, as sharp below: a worker that publishes text loads neither (~8 MB with libvips).
  const { fileTypeFromFile } = await import('file-type')
  const detected = await fileTypeFromFile(path).catch(() => undefined)
  return detected?.mime ?? null
}

export interface VideoProbe {
  hasVideo: boolean
  hasAudio: boolean
  /** Display dimensions (rotation applied). */
  width: number | null
  height: number | null
  durationSeconds: number | null
  videoCodec: string | null
  audioCodec: string | null
  formatName: string | null
}

interface FfprobeStream {
  codec_type?: string
  codec_name?: string
  width?: number
  height?: number
  duration?: string
  disposition?: { attached_pic?: number }
  tags?: { rotate?: string }
  side_data_list?: { rotation?: number }[]
}

/** ffprobe's view of a file; throws when ffprobe cannot read it at all. */
export async function probeVideo(path: string, config: MediaConfig): Promise<VideoProbe> {
  const { stdout } = await runProcess(
    config.ffprobePath,
    ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '--', path],
    { timeoutMs: config.probeTimeoutMs, maxStdoutBytes: 4 * 1024 * 1024 }
  )
  const data = JSON.parse(stdout.toString('utf8')) as {
    streams?: FfprobeStream[]
    format?: { duration?: string; format_name?: string }
  }
  const streams = data.streams ?? []
  // Cover art in an audio file is a "video" stream with attached_pic: not a video.
  const video = streams.find(
    (stream) => stream.codec_type === 'video' && !stream.disposition?.attached_pic
  )
  const audio = streams.find((stream) => stream.codec_type === 'audio')
  const rotation =
    Math.abs(
      Number(
        video?.side_data_list?.find((item) => item.rotation !== undefined)?.rotation ??
          video?.tags?.rotate ??
          0
      )
    ) % 180
  const [width, height] =
    rotation === 90 ? [video?.height, video?.width] : [video?.width, video?.height]
  const duration = Number(data.format?.duration ?? video?.duration ?? Number.NaN)
  return {
    hasVideo: !!video,
    hasAudio: !!audio,
    width: width ?? null,
    height: height ?? null,
    durationSeconds: Number.isFinite(duration) ? duration : null,
    videoCodec: video?.codec_name ?? null,
    audioCodec: audio?.codec_name ?? null,
    formatName: data.format?.format_name ?? null,
  }
}

/** Header-only read (nothing is decoded): safe on a pixel-flood file. */
export async function imageHeader(input: string | Buffer) {
  const { default: sharp } = await import('sharp')
  const meta = await sharp(input, { limitInputPixels: false, animated: true }).metadata()
  const pages = meta.pages ?? 1
  const height =
    meta.pageHeight ?? (meta.height && pages > 1 ? Math.round(meta.height / pages) : meta.height)
  return { width: meta.width ?? 0, height: height ?? 0, pages, format: meta.format }
}

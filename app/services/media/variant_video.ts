import { transcodedVideoSize, videoDimensionsFit, type VideoRules } from '#sdk'
import type { MediaConfig } from '#config/media'
import { MediaUnusableError } from '#services/media/errors'
import type { VideoProbe } from '#services/media/probe'
import { runProcess } from '#services/media/run_process'

/** Whether the original can go to the network as it is. */
export function videoFits(probe: VideoProbe, mimeType: string, bytes: number, rules: VideoRules) {
  return (
    rules.formats.includes(mimeType) &&
    (mimeType !== 'video/mp4' ||
      (probe.videoCodec === 'h264' && (!probe.hasAudio || probe.audioCodec === 'aac'))) &&
    (!rules.maxBytes || bytes <= rules.maxBytes) &&
    videoDimensionsFit(probe.width!, probe.height!, rules)
  )
}

/** Refuses what no transcode can fix (length), before spending minutes on it. */
export function checkDuration(probe: VideoProbe, rules: VideoRules) {
  const seconds = probe.durationSeconds ?? 0
  if (rules.maxSeconds && seconds > rules.maxSeconds) {
    throw new MediaUnusableError(
      `The video lasts ${Math.round(seconds)} s; this network takes at most ${rules.maxSeconds} s`
    )
  }
  if (rules.minSeconds && seconds < rules.minSeconds) {
    throw new MediaUnusableError(
      `The video lasts ${seconds.toFixed(1)} s; this network needs at least ${rules.minSeconds} s`
    )
  }
}

/**
 * H.264/AAC MP4 within the network's dimensions, aspect bounds (padded) and bytes: the
 * bitrate is capped so that the whole file fits, with a margin for the container.
 */
export async function transcodeVideo(
  input: string,
  output: string,
  probe: VideoProbe,
  rules: VideoRules,
  config: MediaConfig
) {
  if (!rules.formats.includes('video/mp4'))
    throw new MediaUnusableError('The network does not take MP4 video')
  const { outer: out, inner } = transcodedVideoSize(probe.width!, probe.height!, rules)
  const filter = `scale=${inner.width}:${inner.height},pad=${out.width}:${out.height}:(ow-iw)/2:(oh-ih)/2:black,setsar=1,format=yuv420p`

  const audioKbps = probe.hasAudio ? 128 : 0
  const rate: string[] = []
  if (rules.maxBytes && probe.durationSeconds) {
    const totalKbps = (rules.maxBytes * 8 * 0.9) / probe.durationSeconds / 1000
    const videoKbps = Math.floor(Math.min(totalKbps - audioKbps, 12_000))
    if (videoKbps < 150)
      throw new MediaUnusableError('The video is too long to fit the network’s size limit')
    rate.push('-maxrate', `${videoKbps}k`, '-bufsize', `${videoKbps * 2}k`)
  }
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
      '-map_metadata',
      '-1',
      '-vf',
      filter,
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-crf',
      '23',
      '-profile:v',
      'high',
      ...rate,
      ...(probe.hasAudio ? ['-c:a', 'aac', '-b:a', `${audioKbps}k`, '-ac', '2'] : ['-an']),
      '-movflags',
      '+faststart',
      '-f',
      'mp4',
      output,
    ],
    { timeoutMs: config.transcodeTimeoutMs }
  )
  return out
}

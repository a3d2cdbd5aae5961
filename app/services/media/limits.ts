import app from '@adonisjs/core/services/app'
import type { MediaConfig } from '#config/media'

const MB = 1024 * 1024

/** What an upload form tells the user before they pick a file (the server checks it again). */
export function mediaLimits() {
  const config = app.config.get<MediaConfig>('media')
  return {
    maxImageMb: Math.floor(config.maxImageBytes / MB),
    maxVideoMb: Math.floor(config.maxVideoBytes / MB),
    maxVideoSeconds: config.maxVideoSeconds,
    accept: [...config.imageTypes, ...config.videoTypes].join(','),
  }
}

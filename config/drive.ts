import env from '#start/env'
import { defineConfig, services } from '@adonisjs/drive'
import { dataPath } from '#config/paths'

/**
 * Media storage. Files are private: the app serves them itself after a membership check
 * (or a signed URL), so no disk is exposed as a static route.
 */
/** Folder of the `local` disk (backups archive it). */
export const localMediaRoot = dataPath('media')
export const mediaDisk = env.get('MEDIA_DISK', 'local')

const driveConfig = defineConfig({
  default: mediaDisk,
  services: {
    local: services.fs({
      location: localMediaRoot,
      visibility: 'private',
      serveFiles: false,
    }),
    s3: services.s3({
      credentials: {
        accessKeyId: env.get('S3_ACCESS_KEY_ID', ''),
        secretAccessKey: env.get('S3_SECRET_ACCESS_KEY')?.release() ?? '',
      },
      region: env.get('S3_REGION', 'us-east-1'),
      bucket: env.get('S3_BUCKET', ''),
      endpoint: env.get('S3_ENDPOINT'),
      forcePathStyle: env.get('S3_FORCE_PATH_STYLE', false),
      visibility: 'private',
    }),
  },
})

export default driveConfig

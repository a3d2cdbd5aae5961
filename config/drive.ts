import env from '#start/env'
import { defineConfig, services } from '@adonisjs/drive'
import { dataPath } from '#config/paths'

/**
 * Media storage. Files are private: the app serves them itself after a membership check
 * (or a signed URL), so no disk is exposed as a static route.
 */
const driveConfig = defineConfig({
  default: env.get('MEDIA_DISK', 'local'),
  services: {
    local: services.fs({
      location: dataPath('media'),
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

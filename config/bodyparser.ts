import env from '#start/env'
import { defineConfig } from '@adonisjs/core/bodyparser'

const bodyParserConfig = defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  form: { convertEmptyStringsToNull: true, types: ['application/x-www-form-urlencoded'] },
  json: {
    convertEmptyStringsToNull: true,
    limit: '1mb',
    types: [
      'application/json',
      'application/json-patch+json',
      'application/vnd.api+json',
      'application/csp-report',
    ],
  },
  multipart: {
    autoProcess: true,
    convertEmptyStringsToNull: true,
    processManually: [],
    // Large enough for the biggest video the media library accepts (MEDIA_MAX_VIDEO_MB, checked per
    // file by the media validator); multipart bodies are streamed to temp files, never held in memory.
    limit: `${env.get('MEDIA_MAX_VIDEO_MB', 512) + 8}mb`,
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig

import app from '@adonisjs/core/services/app'
import type { MediaConfig } from '#config/media'
import type MediaAsset from '#models/media_asset'
import { ingestFile } from '#services/media/ingest'
import { MediaRejection } from '#services/media/errors'
import { removeTemp } from '#services/media/storage'
import { SafeFetchError, safeFetchToFile } from '#services/safe_fetch'
import { ApiError } from '#services/api/errors'

const mediaConfig = () => app.config.get<MediaConfig>('media')

function rejected(error: MediaRejection) {
  return new ApiError(422, 'media_rejected', `The file was refused (${error.code})`, {
    reason: error.code,
    ...error.params,
  })
}

/** An uploaded file into the library, through the media engineer's ingest (same checks as the UI). */
export async function ingestUpload(
  file: { path: string; name: string },
  context: { workspaceId: number; userId: number }
): Promise<MediaAsset> {
  try {
    return await ingestFile(file, { ...context, config: mediaConfig() })
  } catch (error) {
    if (error instanceof MediaRejection) throw rejected(error)
    throw error
  } finally {
    await removeTemp(file.path)
  }
}

/** A URL downloaded through the one SSRF-safe fetcher, then ingested like an upload. */
export async function ingestUrl(
  url: string,
  context: { workspaceId: number; userId: number }
): Promise<MediaAsset> {
  const config = mediaConfig()
  let fetched
  try {
    fetched = await safeFetchToFile(url, {
      maxBytes: Math.min(
        config.import.maxBytes,
        Math.max(config.maxImageBytes, config.maxVideoBytes)
      ),
      timeoutMs: config.import.timeoutMs,
      maxRedirects: config.import.maxRedirects,
      acceptContentTypes: (type) =>
        /^(image|video)\//.test(type) || type === 'application/octet-stream' || type === '',
    })
  } catch (error) {
    if (!(error instanceof SafeFetchError)) throw error
    const blocked = ['forbidden_address', 'forbidden_scheme', 'invalid_url'].includes(error.code)
    throw new ApiError(422, 'media_rejected', error.message, {
      reason: blocked
        ? 'import_blocked'
        : error.code === 'too_large'
          ? 'too_large'
          : 'import_failed',
    })
  }
  return ingestUpload({ path: fetched.path, name: fetched.name }, context)
}

import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import { appUrl } from '#config/app'
import type { MediaConfig } from '#config/media'
import type MediaAsset from '#models/media_asset'

export const SIGNED_MEDIA_PURPOSE = 'media-fetch'

/**
 * An absolute, signed, expiring URL to an asset's file (or one network variant of it) for
 * networks that fetch media themselves (Instagram, Threads, Pinterest). Anyone holding it
 * can download that one file until it expires; nothing else is reachable with it.
 */
export function signedMediaUrl(
  asset: Pick<MediaAsset, 'id'>,
  variant?: string,
  expiresInSeconds?: number
) {
  const seconds = expiresInSeconds ?? app.config.get<MediaConfig>('media').signedUrlSeconds
  return router.urlBuilder.signedUrlFor(
    'media.public',
    { media_asset: asset.id },
    {
      expiresIn: seconds,
      purpose: SIGNED_MEDIA_PURPOSE,
      qs: variant ? { variant } : {},
      prefixUrl: appUrl.replace(/\/+$/, ''),
    }
  )
}

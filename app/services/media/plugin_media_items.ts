import { setTimeout as sleep } from 'node:timers/promises'
import app from '@adonisjs/core/services/app'
import type { MediaItem } from '#sdk'
import type { MediaConfig } from '#config/media'
import MediaAsset from '#models/media_asset'
import MediaVariant from '#models/media_variant'
import { MediaNotReadyError, MediaUnusableError } from '#services/media/errors'
import { ensureVariant } from '#services/media/variants'
import { mediaDisk } from '#services/media/storage'
import { signedMediaUrl } from '#services/media/signed_url'

const POLL_MS = 250

/** What the SDK's checks see of an asset: its network variant's format and size where there is one, else its own. */
export function mediaFacts(asset: MediaAsset, variant: MediaVariant | null) {
  return {
    kind: asset.kind,
    mimeType: variant?.mimeType ?? asset.mimeType,
    bytes: variant?.bytes ?? asset.bytes,
    width: variant?.width ?? asset.width ?? undefined,
    height: variant?.height ?? asset.height ?? undefined,
    durationSeconds: variant?.durationSeconds ?? asset.durationSeconds ?? undefined,
    altText: asset.altText,
  }
}

function toItem(asset: MediaAsset, variant: MediaVariant): MediaItem {
  const key = variant.key!
  return {
    ...mediaFacts(asset, variant),
    publicUrl: signedMediaUrl(asset, variant.network),
    read: async () => (await mediaDisk()).getBytes(key),
  }
}

/**
 * What the publishing pipeline hands a network plugin: for each asset, in the order given,
 * the network's variant (made on demand from the plugin's capabilities, once per asset and
 * network), with its alt text, dimensions, duration, a signed public URL and `read()`.
 *
 * Waits up to `media.variantWaitMs` for variants still being made; past that it throws a
 * MediaNotReadyError (`retryable: true`). A missing, failed or unusable asset throws a
 * MediaUnusableError (`retryable: false`) whose message says which file and why.
 */
export async function pluginMediaItems(
  mediaAssetIds: number[],
  network: string
): Promise<MediaItem[]> {
  if (!mediaAssetIds.length) return []
  const config = app.config.get<MediaConfig>('media')
  const deadline = Date.now() + config.variantWaitMs
  const ensured = new Set<number>()

  for (;;) {
    const assets = await MediaAsset.query().whereIn('id', mediaAssetIds)
    const byId = new Map(assets.map((asset) => [asset.id, asset]))
    const variants = await MediaVariant.query()
      .whereIn('media_asset_id', mediaAssetIds)
      .where('network', network)
    const variantOf = new Map(variants.map((variant) => [variant.mediaAssetId, variant]))
    const items: MediaItem[] = []
    let waiting: string | null = null

    for (const id of mediaAssetIds) {
      const asset = byId.get(id)
      if (!asset) throw new MediaUnusableError(`Media #${id} was deleted from the library`)
      if (asset.status === 'failed')
        throw new MediaUnusableError(
          `"${asset.originalName}" could not be processed: ${asset.failureReason ?? 'unknown reason'}`
        )
      if (asset.status === 'processing') {
        waiting ??= `"${asset.originalName}" is still being processed`
        continue
      }
      let variant = variantOf.get(id)
      if (!ensured.has(id)) {
        variant = await ensureVariant(asset, network)
        ensured.add(id)
      }
      if (!variant || variant.status === 'processing') {
        waiting ??= `"${asset.originalName}" is still being prepared for ${network}`
        continue
      }
      if (variant.status === 'failed')
        throw new MediaUnusableError(
          `"${asset.originalName}" cannot be sent to ${network}: ${variant.failureReason ?? 'unknown reason'}`
        )
      items.push(toItem(asset, variant))
    }

    if (!waiting) return items
    if (Date.now() >= deadline) throw new MediaNotReadyError(`${waiting}; try again shortly`)
    await sleep(POLL_MS)
  }
}

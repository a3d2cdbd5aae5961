import { asDelivered, type MediaItem } from '#sdk'
import MediaAsset from '#models/media_asset'
import MediaVariant from '#models/media_variant'
import plugins from '#services/plugins'
import { MediaUnusableError } from '#services/media/errors'
import { ensureVariant } from '#services/media/variants'
import { mediaFacts } from '#services/media/plugin_media_items'

export interface AttachedMedia {
  mediaAssetId: number
  altText?: string | null
}

/**
 * Attached library media as one network will get it, for the checks the composer, the post
 * page and scheduling run. Never waits: a variant that is ready gives its real format and
 * size; one not made yet is predicted from the network's capabilities (sdk/media_fit.ts),
 * the way the media pipeline will make it. Waiting for variants is the publish job's
 * business, not a page's (it could take the whole `variantWaitMs` per account).
 * `prepare`: also queue the missing variants now (a saved post), so they are ready by the
 * time it publishes; the composer's unsaved checks leave the media queue alone.
 * Throws MediaUnusableError for a deleted asset or a variant the pipeline could not make.
 */
export async function checkableMedia(
  attached: AttachedMedia[],
  network: string,
  options: { prepare: boolean }
): Promise<MediaItem[]> {
  if (!attached.length) return []
  const ids = [...new Set(attached.map((item) => item.mediaAssetId))]
  const [assets, variants, plugin] = await Promise.all([
    MediaAsset.query().whereIn('id', ids),
    MediaVariant.query().whereIn('media_asset_id', ids).where('network', network),
    plugins.get(network),
  ])
  const assetOf = new Map(assets.map((asset) => [asset.id, asset]))
  const variantOf = new Map(variants.map((variant) => [variant.mediaAssetId, variant]))

  const items: MediaItem[] = []
  for (const { mediaAssetId, altText } of attached) {
    const asset = assetOf.get(mediaAssetId)
    if (!asset) throw new MediaUnusableError(`Media #${mediaAssetId} was deleted from the library`)
    let variant = variantOf.get(asset.id)
    if (variant?.status === 'failed')
      throw new MediaUnusableError(
        `"${asset.originalName}" cannot be sent to ${network}: ${variant.failureReason ?? 'unknown reason'}`
      )
    if (!variant && options.prepare && asset.status === 'ready') {
      variant = await ensureVariant(asset, network)
      variantOf.set(asset.id, variant)
    }
    const ready = variant?.status === 'ready' ? variant : null
    // Checks never read the bytes.
    const item: MediaItem = {
      ...mediaFacts(asset, ready),
      altText: altText || asset.altText,
      read: async () => new Uint8Array(),
    }
    // No variant yet: the one the pipeline will make (variants follow the network's capabilities).
    items.push(ready ? item : asDelivered(item, plugin.capabilities))
  }
  return items
}

import type { MediaItem } from '#sdk'
import type Delivery from '#models/delivery'
import PostMedia from '#models/post_media'

interface PluginMediaModule {
  pluginMediaItems(mediaAssetIds: number[], network: string): Promise<MediaItem[]>
}

/**
 * The one seam between publishing and the media library: the items a plugin receives for
 * a delivery, in the post's order. A post without media never loads the media code, so
 * publishing works before (and without) the media module; the dynamic import keeps the
 * type checker and the boot independent of it until it lands.
 */
export async function mediaItemsFor(
  delivery: Pick<Delivery, 'postId' | 'network'>
): Promise<MediaItem[]> {
  const rows = await PostMedia.query().where('post_id', delivery.postId).orderBy('position', 'asc')
  if (!rows.length) return []
  const modulePath = '#services/media/plugin_media_items'
  const media = (await import(modulePath)) as PluginMediaModule
  const items = await media.pluginMediaItems(
    rows.map((row) => row.mediaAssetId),
    delivery.network
  )
  // A per-post alt text overrides the asset's own.
  return items.map((item, index) =>
    rows[index]?.altText ? { ...item, altText: rows[index].altText } : item
  )
}

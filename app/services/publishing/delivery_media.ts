import type { MediaItem } from '#sdk'
import type Delivery from '#models/delivery'
import PostMedia from '#models/post_media'
import { pluginMediaItems } from '#services/media/plugin_media_items'

/**
 * The one seam between publishing and the media library: the items a plugin receives for
 * a delivery, in the post's order.
 */
export async function mediaItemsFor(
  delivery: Pick<Delivery, 'postId' | 'network'>
): Promise<MediaItem[]> {
  const rows = await PostMedia.query().where('post_id', delivery.postId).orderBy('position', 'asc')
  if (!rows.length) return []
  const items = await pluginMediaItems(
    rows.map((row) => row.mediaAssetId),
    delivery.network
  )
  // A per-post alt text overrides the asset's own.
  return items.map((item, index) =>
    rows[index]?.altText ? { ...item, altText: rows[index].altText } : item
  )
}

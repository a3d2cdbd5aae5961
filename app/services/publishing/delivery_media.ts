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
  return mediaItemsOfList(
    rows.map((row) => ({ mediaAssetId: row.mediaAssetId, altText: row.altText })),
    delivery.network
  )
}

/** The items of one media list, in its order; an alt text of the post's (or part's) overrides the asset's own. */
export async function mediaItemsOfList(
  list: { mediaAssetId: number; altText: string | null }[],
  network: string
): Promise<MediaItem[]> {
  if (!list.length) return []
  const items = await pluginMediaItems(
    list.map((item) => item.mediaAssetId),
    network
  )
  return items.map((item, index) =>
    list[index]?.altText ? { ...item, altText: list[index].altText } : item
  )
}

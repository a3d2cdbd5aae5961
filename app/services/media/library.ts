import db from '@adonisjs/lucid/services/db'
import type MediaAsset from '#models/media_asset'
import MediaVariant from '#models/media_variant'
import { deleteKeys } from '#services/media/storage'

/** Post statuses in which a post still needs its media (not yet out, not abandoned). */
const PENDING_POST_STATUSES = ['draft', 'pending_approval', 'approved', 'scheduled', 'publishing']

/**
 * How many not-yet-published posts use the asset. Tolerates `post_media` not existing
 * (an install where the posts migration has not run): nothing can use the asset then.
 */
export async function pendingPostsUsing(asset: MediaAsset): Promise<number> {
  try {
    const row = await db
      .from('post_media')
      .join('posts', 'posts.id', 'post_media.post_id')
      .where('post_media.media_asset_id', asset.id)
      .whereIn('posts.status', PENDING_POST_STATUSES)
      .countDistinct('posts.id as total')
      .first()
    return Number(row?.total ?? 0)
  } catch (error) {
    if (/post_media|no such table|does not exist/i.test((error as Error).message)) return 0
    throw error
  }
}

/** Removes the row (variants cascade) first, then every stored object it referenced. */
export async function deleteAsset(asset: MediaAsset) {
  const variants = await MediaVariant.query().where('media_asset_id', asset.id)
  const keys = [asset.storageKey, asset.thumbnailKey, ...variants.map((variant) => variant.key)]
  await asset.delete()
  await deleteKeys(keys)
}

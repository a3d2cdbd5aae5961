import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { FINAL_DELIVERY_STATUSES, type DeliveryStatus } from '#models/delivery'
import type { PostStatus } from '#models/post'
import { sqlTime } from '#services/publishing/settings'

/** Post statuses the pipeline may overwrite (never a draft or a post waiting for review). */
const PIPELINE_POST_STATUSES: PostStatus[] = ['scheduled', 'publishing', 'published', 'partially_published', 'failed']

/** The post's status as its deliveries make it: published, partially_published or failed once all are done. */
export function rolledUpStatus(statuses: DeliveryStatus[]): PostStatus | null {
  const live = statuses.filter((status) => status !== 'cancelled')
  if (!live.length) return null
  if (live.every((status) => FINAL_DELIVERY_STATUSES.includes(status))) {
    const published = live.filter((status) => status === 'published').length
    if (published === live.length) return 'published'
    return published > 0 ? 'partially_published' : 'failed'
  }
  return live.some((status) => status === 'publishing' || status === 'published') ? 'publishing' : null
}

export async function rollUpPost(postId: number) {
  const rows: { status: DeliveryStatus }[] = await db.from('deliveries').where('post_id', postId).select('status')
  const status = rolledUpStatus(rows.map((row) => row.status))
  if (!status) return
  await db
    .from('posts')
    .where('id', postId)
    .whereIn('status', PIPELINE_POST_STATUSES)
    .update({ status, updated_at: sqlTime(DateTime.utc()) })
}

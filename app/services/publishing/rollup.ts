import db from '@adonisjs/lucid/services/db'
import type { RawBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { PostStatus } from '#models/post'
import { sqlTime } from '#services/publishing/settings'
import { Batcher } from '#services/batcher'

/** Post statuses the pipeline may overwrite (never a draft or a post waiting for review). */
export const PIPELINE_POST_STATUSES: PostStatus[] = [
  'scheduled',
  'publishing',
  'published',
  'partially_published',
  'failed',
]

/**
 * A delivery was just claimed: its post is `publishing` (whatever its siblings are, one live
 * delivery in `publishing` makes it so). One conditional UPDATE; a post already publishing is
 * not written again.
 */
export async function markPostPublishing(postId: number) {
  await markPostPublishingQuery(postId)
}

/** That UPDATE, unexecuted: the claim runs it inside its own statement on PostgreSQL (claim.ts). */
export function markPostPublishingQuery(postId: number | RawBuilderContract) {
  const query = db
    .from('posts')
    .whereIn('status', PIPELINE_POST_STATUSES)
    .whereNot('status', 'publishing')
  if (typeof postId === 'number') query.where('id', postId)
  else query.whereIn('id', postId)
  return query.update({ status: 'publishing' satisfies PostStatus, updated_at: sqlTime() })
}

/**
 * The post's status as its deliveries make it, counted in SQL (cancelled deliveries left out):
 * all live ones final → published, partially_published or failed; else any publishing or
 * published → publishing; else (or none live) no opinion (null).
 */
const ROLLED_UP = `CASE
  WHEN SUM(CASE WHEN status IN ('published', 'failed', 'unknown') THEN 1 ELSE 0 END) = COUNT(*) THEN
    CASE WHEN SUM(CASE WHEN status = 'published' THEN 1 ELSE 0 END) = COUNT(*) THEN 'published'
         WHEN SUM(CASE WHEN status = 'published' THEN 1 ELSE 0 END) > 0 THEN 'partially_published'
         ELSE 'failed' END
  WHEN SUM(CASE WHEN status IN ('publishing', 'published') THEN 1 ELSE 0 END) > 0 THEN 'publishing'
END`

/**
 * Brings the post's status in line with its deliveries in one statement (it used to be a
 * SELECT then an UPDATE). Counting inside the UPDATE also narrows a race of the two-step
 * version, where two sibling deliveries settling at once could write a stale `publishing`
 * over the last one's `published`: a post whose status is already right is not written.
 */
export function rollUpPost(postId: number) {
  return rollUps.run(postId)
}

/** The roll-ups of concurrent settles as one statement (batcher.ts); each post is counted on its own. */
async function rollUpPosts(postIds: number[]) {
  const ids = [...new Set(postIds)]
  await db.rawQuery(
    `UPDATE posts SET status = rolled.status, updated_at = ?
     FROM (SELECT post_id, ${ROLLED_UP} AS status FROM deliveries WHERE post_id IN (${ids.map(() => '?').join(', ')}) AND status <> 'cancelled' GROUP BY post_id) AS rolled
     WHERE posts.id = rolled.post_id AND rolled.status IS NOT NULL AND posts.status <> rolled.status AND posts.status IN (${PIPELINE_POST_STATUSES.map(() => '?').join(', ')})`,
    [sqlTime(), ...ids, ...PIPELINE_POST_STATUSES]
  )
  return postIds.map(() => undefined)
}

const rollUps = new Batcher<number, void>({
  many: rollUpPosts,
  single: async (postId) => void (await rollUpPosts([postId])),
})

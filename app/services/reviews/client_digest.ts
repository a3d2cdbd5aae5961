import { DateTime } from 'luxon'
import logger from '@adonisjs/core/services/logger'
import mail from '@adonisjs/mail/services/main'
import redis from '@adonisjs/redis/services/main'
import db from '@adonisjs/lucid/services/db'
import Post, { EDITABLE_POST_STATUSES } from '#models/post'
import ReviewLink from '#models/review_link'
import Workspace from '#models/workspace'
import ReviewActivityMail from '#mails/review_activity_mail'
import queue from '#queue/main'
import { SEND_CLIENT_DIGEST } from '#queue/job_specs'
import { sqlTime } from '#services/publishing/settings'
import { appRedisKey } from '#services/redis_keys'

/**
 * How long after the first post added to a link its client is mailed: the posts added
 * meanwhile go out in the same mail (a member scheduling a week adds them one by one).
 */
export const CLIENT_DIGEST_DELAY_MS = 10 * 60_000

/** The posts added to a link since its client was last told, as a Redis set of ids. */
const pendingKey = (linkId: number) => appRedisKey(`review-digest:${linkId}`)

/** Active links of the workspace announced to a client whose date range holds this instant. */
function linksCovering(post: Post, at: DateTime) {
  const now = sqlTime(DateTime.utc())
  return ReviewLink.query()
    .where('workspace_id', post.workspaceId)
    .whereNotNull('client_email')
    .whereNull('revoked_at')
    .where('expires_at', '>', now)
    .where('range_start', '<=', sqlTime(at))
    .where('range_end', '>', sqlTime(at))
    .whereNotExists((sub) =>
      sub
        .from('review_link_posts')
        .whereColumn('review_link_posts.review_link_id', 'review_links.id')
        .where('review_link_posts.post_id', post.id)
    )
}

/** A link limited to some accounts takes a post only if the post goes to one of them. */
async function goesToLinkAccounts(post: Post, link: ReviewLink) {
  if (!link.accountIds?.length) return true
  const row = await db
    .from('deliveries')
    .where('post_id', post.id)
    .whereNot('status', 'cancelled')
    .whereIn('social_account_id', link.accountIds)
    .first()
  return Boolean(row)
}

/**
 * A post just got a time inside the range of a link made for a client with an opt-in
 * address: the post joins that link (the client sees it on the same page) and the client
 * is mailed once for every post added within CLIENT_DIGEST_DELAY_MS. Links made from a
 * post, without a range, take no new posts. Returns the ids of the links it joined.
 */
export async function addToClientLinks(post: Post) {
  if (!post.scheduledAt || !EDITABLE_POST_STATUSES.includes(post.status)) return []
  const joined: number[] = []
  for (const link of await linksCovering(post, post.scheduledAt)) {
    if (!(await goesToLinkAccounts(post, link))) continue
    try {
      await db.table('review_link_posts').insert({ review_link_id: link.id, post_id: post.id })
    } catch (error) {
      // Another request added it between the lookup and here (the pair is unique): done.
      logger.debug({ err: error, linkId: link.id, postId: post.id }, 'post already on the link')
      continue
    }
    joined.push(link.id)
    await redis.sadd(pendingKey(link.id), String(post.id))
    // One waiting job per link: while it waits, later posts only join the set it will read.
    await queue.dispatch(
      SEND_CLIENT_DIGEST,
      { reviewLinkId: link.id },
      {
        deduplication: { id: `review-digest-${link.id}` },
        delay: CLIENT_DIGEST_DELAY_MS,
        removeOnComplete: true,
        removeOnFail: 100,
      }
    )
  }
  return joined
}

/**
 * Mails a link's client about the posts added since the last mail, still on the link and
 * still open to review. The mail names the link (its label and expiry) rather than
 * carrying it: only the token's hash is kept, and the client has the link from the first
 * mail. Returns how many posts the mail announced (0: no mail).
 */
export async function sendClientDigest(reviewLinkId: number) {
  const key = pendingKey(reviewLinkId)
  const [[, ids]] = (await redis.multi().smembers(key).del(key).exec()) as [
    [Error | null, string[]],
    unknown,
  ]
  const link = await ReviewLink.find(reviewLinkId)
  if (!link?.clientEmail || link.state() !== 'active' || !ids.length) return 0
  const posts = await Post.query()
    .where('workspace_id', link.workspaceId)
    .whereIn('id', ids.map(Number))
    .whereIn('status', EDITABLE_POST_STATUSES)
    .whereIn('id', (sub) =>
      sub.from('review_link_posts').where('review_link_id', link.id).select('post_id')
    )
  if (!posts.length) return 0
  const workspace = await Workspace.findOrFail(link.workspaceId)
  await mail.send(
    new ReviewActivityMail(
      { email: link.clientEmail, name: null, locale: link.locale },
      'new_posts_await',
      {
        workspace: workspace.name,
        label: link.label,
        count: String(posts.length),
        until: link.expiresAt
          .setZone(workspace.timezone)
          .setLocale(link.locale)
          .toLocaleString(DateTime.DATE_FULL),
      },
      null
    )
  )
  logger.info({ reviewLinkId, posts: posts.length }, 'client told of new posts to review')
  return posts.length
}

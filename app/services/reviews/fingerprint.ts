import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'

/**
 * A digest of what a client sees of a post: its text, each live target's own text and
 * options, and its media in order. The approval is tied to it, so an edit that changes
 * any of it (and only such an edit) resets the approval; a time change does not.
 */
export async function contentFingerprint(postId: number) {
  const post = await db.from('posts').where('id', postId).select('body').first()
  const targets = await db
    .from('deliveries')
    .where('post_id', postId)
    .whereNot('status', 'cancelled')
    .whereNotNull('social_account_id')
    .orderBy('social_account_id')
    .select('social_account_id', 'text', 'options')
  const media = await db
    .from('post_media')
    .where('post_id', postId)
    .orderBy('position')
    .select('media_asset_id', 'alt_text')
  const canonical = JSON.stringify({
    body: post?.body ?? '',
    targets: targets.map((row) => [
      Number(row.social_account_id),
      row.text ?? null,
      canonicalOptions(row.options),
    ]),
    media: media.map((row) => [Number(row.media_asset_id), row.alt_text ?? null]),
  })
  return createHash('sha256').update(canonical, 'utf8').digest('hex')
}

/** Options are stored as JSON text; key order must not change the digest. */
function canonicalOptions(raw: unknown) {
  let value: Record<string, unknown> = {}
  try {
    value = typeof raw === 'string' ? JSON.parse(raw) : ((raw as Record<string, unknown>) ?? {})
  } catch {
    return String(raw)
  }
  return Object.keys(value)
    .sort()
    .map((key) => [key, value[key]])
}

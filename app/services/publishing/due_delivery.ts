import db from '@adonisjs/lucid/services/db'
import type { LucidModel, LucidRow } from '@adonisjs/lucid/types/model'
import Delivery from '#models/delivery'
import Post from '#models/post'
import SocialAccount from '#models/social_account'

/** A delivery with everything its publish needs, read in one statement. */
export interface DueDelivery {
  delivery: Delivery
  post: Post
  account: SocialAccount | null
  /** The post's author asked us to stop processing their data (GDPR art. 18, see #services/privacy/restriction). */
  authorRestricted: boolean
  /** Whether the post has media at all: a post without any skips the media read. */
  hasMedia: boolean
}

/** `table.column as prefix__column` for every column of a model, so one joined row splits back into models. */
function aliased(model: LucidModel, table: string, prefix: string) {
  return [...model.$columnsDefinitions.values()].map(({ columnName }) => `${table}.${columnName} as ${prefix}__${columnName}`)
}

function hydrate<M extends LucidModel>(model: M, row: Record<string, unknown>, prefix: string): LucidRow | null {
  const start = `${prefix}__`
  const attributes: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(row)) if (key.startsWith(start)) attributes[key.slice(start.length)] = value
  if (attributes.id === null || attributes.id === undefined) return null
  return model.$createFromAdapterResult(attributes)
}

/**
 * The delivery, its post, its account and the author's restriction in one round trip — the
 * publish path used to read them one by one. Read before the claim: whatever is edited in
 * between bumps the revision, and then the claim (which checks it) matches nothing.
 */
export async function loadDueDelivery(deliveryId: number): Promise<DueDelivery | null> {
  const row = await db
    .from('deliveries')
    .join('posts', 'posts.id', 'deliveries.post_id')
    .leftJoin('social_accounts', 'social_accounts.id', 'deliveries.social_account_id')
    .leftJoin('users', 'users.id', 'posts.author_id')
    .where('deliveries.id', deliveryId)
    .select([
      ...aliased(Delivery, 'deliveries', 'd'),
      ...aliased(Post, 'posts', 'p'),
      ...aliased(SocialAccount, 'social_accounts', 'a'),
      'users.processing_restricted_at as author_restricted_at',
      db.raw('exists (select 1 from post_media where post_media.post_id = deliveries.post_id) as has_media'),
    ])
    .first()
  if (!row) return null
  return {
    delivery: hydrate(Delivery, row, 'd') as Delivery,
    post: hydrate(Post, row, 'p') as Post,
    account: hydrate(SocialAccount, row, 'a') as SocialAccount | null,
    // A post whose author was deleted has no one left to restrict it (the left join gives null).
    authorRestricted: Boolean(row.author_restricted_at),
    // SQLite answers 0/1, PostgreSQL a boolean.
    hasMedia: Boolean(Number(row.has_media)),
  }
}

import db from '@adonisjs/lucid/services/db'
import type { LucidModel } from '@adonisjs/lucid/types/model'
import Delivery from '#models/delivery'
import Post from '#models/post'
import SocialAccount from '#models/social_account'
import { Batcher } from '#services/batcher'
import { columnReaders, modelFromRow } from '#services/publishing/row_models'

/** A delivery with everything its publish needs, read in one statement. */
export interface DueDelivery {
  delivery: Delivery
  post: Post
  account: SocialAccount | null
  /** The post's author asked us to stop processing their data (GDPR art. 18, see #services/privacy/restriction). */
  authorRestricted: boolean
  /** Whether the post has media at all: a post without any skips the media read. */
  hasMedia: boolean
  /** Whether the post has follow-ups (thread parts, a first comment): one without skips their read. */
  hasParts: boolean
}

/** `table.column as prefix__column` for every column of a model, so one joined row splits back into models. */
function aliased(model: LucidModel, table: string, prefix: string) {
  return columnReaders(model).map(
    ({ columnName }) => `${table}.${columnName} as ${prefix}__${columnName}`
  )
}

/**
 * The model of one table of the joined row; null for a left join that found nothing. The
 * delivery (29 columns, the largest) goes through row_models.ts; the post and the account keep
 * Lucid's own hydration for now: built the fast way too, the Pinterest done-when spec's image
 * fetch timed out on SQLite in most runs on a loaded machine, for a cause not found yet.
 */
function hydrate<M extends LucidModel>(model: M, row: Record<string, unknown>, prefix: string) {
  const id = row[`${prefix}__id`]
  if (id === null || id === undefined) return null
  if ((model as LucidModel) === Delivery) return modelFromRow(model, row, prefix)
  const attributes: Record<string, unknown> = {}
  for (const { columnName } of columnReaders(model))
    attributes[columnName] = row[`${prefix}__${columnName}`]
  return model.$createFromAdapterResult(attributes) as InstanceType<M>
}

/**
 * The deliveries, their posts, their accounts and the authors' restrictions in one round
 * trip — the publish path used to read them one by one, then one delivery per statement.
 * Read before the claim: whatever is edited in between bumps the revision, and then the
 * claim (which checks it) matches nothing. The ids travel as one parameter (an array literal
 * on PostgreSQL, a JSON array on SQLite), so the SQL is the same whatever the group's size.
 */
function dueDeliveriesQuery(dialect: string) {
  return db
    .from('deliveries')
    .join('posts', 'posts.id', 'deliveries.post_id')
    .leftJoin('social_accounts', 'social_accounts.id', 'deliveries.social_account_id')
    .leftJoin('users', 'users.id', 'posts.author_id')
    .whereRaw(
      dialect === 'postgres'
        ? 'deliveries.id = ANY(?::int[])'
        : 'deliveries.id IN (SELECT value FROM json_each(?))',
      ['ids']
    )
    .select([
      ...aliased(Delivery, 'deliveries', 'd'),
      ...aliased(Post, 'posts', 'p'),
      ...aliased(SocialAccount, 'social_accounts', 'a'),
      'users.processing_restricted_at as author_restricted_at',
      db.raw(
        'exists (select 1 from post_media where post_media.post_id = deliveries.post_id) as has_media'
      ),
      db.raw(
        'exists (select 1 from post_parts where post_parts.post_id = deliveries.post_id) as has_parts'
      ),
    ])
}

/** The query's SQL per dialect, compiled once: building its ~70 aliased columns cost more than running it. */
const compiled = new Map<string, string>()

function toDue(row: Record<string, unknown>): DueDelivery {
  return {
    delivery: hydrate(Delivery, row, 'd') as Delivery,
    post: hydrate(Post, row, 'p') as Post,
    account: hydrate(SocialAccount, row, 'a') as SocialAccount | null,
    // A post whose author was deleted has no one left to restrict it (the left join gives null).
    authorRestricted: Boolean(row.author_restricted_at),
    // SQLite answers 0/1, PostgreSQL a boolean.
    hasMedia: Boolean(Number(row.has_media)),
    hasParts: Boolean(Number(row.has_parts)),
  }
}

async function loadDueDeliveries(ids: number[]): Promise<(DueDelivery | null)[]> {
  const dialect = db.connection().dialect.name
  let sql = compiled.get(dialect)
  if (!sql) compiled.set(dialect, (sql = dueDeliveriesQuery(dialect).toSQL().sql))
  const list = ids.map((id) => Math.trunc(id)).join(',')
  const result = await db.rawQuery(sql, [dialect === 'postgres' ? `{${list}}` : `[${list}]`])
  // PostgreSQL answers { rows }, SQLite the rows themselves.
  const rows = (Array.isArray(result) ? result : result.rows) as Record<string, unknown>[]
  const byId = new Map(rows.map((row) => [Number(row.d__id), row]))
  return ids.map((id) => {
    const row = byId.get(id)
    return row ? toDue(row) : null
  })
}

/** Concurrent jobs' reads leave as one statement (batcher.ts). */
const reads = new Batcher<number, DueDelivery | null>({
  many: loadDueDeliveries,
  single: async (id) => (await loadDueDeliveries([id]))[0],
})

export function loadDueDelivery(deliveryId: number): Promise<DueDelivery | null> {
  return reads.run(deliveryId)
}

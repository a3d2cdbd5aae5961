import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'

/** Columns never exported, whatever table they appear in. */
const SECRET_COLUMN = /token|secret|password|ciphertext|credential/i
const PAGE_SIZE = 500

type Row = Record<string, unknown>

/**
 * One kind of personal data held about a user: what the privacy page counts and the
 * export writes (as `<id>.json` and `<id>.csv`). What it holds, why, who receives it
 * and how long it is kept are in resources/lang/<locale>/privacy.json under
 * `datasets.<id>`, so the page and the manifest say the same thing.
 */
export interface Dataset {
  id: string
  columns: string[]
  count(): Promise<number>
  /** Rows in pages of at most PAGE_SIZE: a large account is never loaded at once. */
  pages(): AsyncGenerator<Row[]>
}

/**
 * A dataset read from one query by keyset pagination on `key` (which the query selects
 * as `id`), never OFFSET: each page is one indexed range scan.
 */
function queryDataset(
  id: string,
  columns: string[],
  key: string,
  build: () => DatabaseQueryBuilderContract<Row>
): Dataset {
  return {
    id,
    columns,
    async count() {
      const row = await build().clearSelect().count('* as total').first()
      return Number(row?.total ?? 0)
    },
    async *pages() {
      let last: unknown = 0
      for (;;) {
        const rows = await build()
          .where(key, '>', last as number)
          .orderBy(key)
          .limit(PAGE_SIZE)
        if (!rows.length) return
        yield rows
        last = rows[rows.length - 1].id
        if (rows.length < PAGE_SIZE) return
      }
    },
  }
}

async function existingTables() {
  const connection = db.connection()
  const schemas = connection.dialect.name === 'postgres' ? ['public'] : undefined
  return new Set(await connection.getAllTables(schemas))
}

/** Exportable columns of a table the app does not define here (posts, media…), secrets left out. */
async function safeColumns(table: string) {
  return Object.keys(await db.connection().columnsInfo(table)).filter(
    (column) => !SECRET_COLUMN.test(column)
  )
}

/** The first of `candidates` that `table` has: tables written by other areas name their user column their own way. */
async function userColumn(table: string, candidates: string[]) {
  const columns = await db.connection().columnsInfo(table)
  return candidates.find((candidate) => candidate in columns) ?? null
}

/**
 * Every dataset held about `userId`. Tables other areas add (posts, deliveries, media,
 * metrics, notifications) are included when they exist, so the export never breaks on
 * an install that does not have them yet.
 */
export async function datasetsFor(userId: number): Promise<Dataset[]> {
  const tables = await existingTables()
  const datasets: Dataset[] = [
    queryDataset(
      'profile',
      [
        'id',
        'full_name',
        'email',
        'locale',
        'timezone',
        'processing_restricted_at',
        'created_at',
        'updated_at',
      ],
      'id',
      () =>
        db
          .from('users')
          .where('id', userId)
          .select(
            'id',
            'full_name',
            'email',
            'locale',
            'timezone',
            'processing_restricted_at',
            'created_at',
            'updated_at'
          )
    ),
    queryDataset(
      'memberships',
      ['id', 'workspace_id', 'workspace_name', 'workspace_slug', 'role', 'joined_at'],
      'workspace_members.id',
      () =>
        db
          .from('workspace_members')
          .join('workspaces', 'workspaces.id', 'workspace_members.workspace_id')
          .where('workspace_members.user_id', userId)
          .select(
            'workspace_members.id as id',
            'workspace_members.workspace_id',
            'workspaces.name as workspace_name',
            'workspaces.slug as workspace_slug',
            'workspace_members.role',
            'workspace_members.created_at as joined_at'
          )
    ),
    // Metadata only: the token column is never selected.
    queryDataset(
      'connected_accounts',
      [
        'id',
        'workspace_id',
        'network',
        'external_id',
        'handle',
        'display_name',
        'avatar_url',
        'profile_url',
        'status',
        'connected_at',
        'disconnected_at',
        'purge_after',
      ],
      'id',
      () =>
        db
          .from('social_accounts')
          .where('connected_by_id', userId)
          .select(
            'id',
            'workspace_id',
            'network',
            'external_id',
            'handle',
            'display_name',
            'avatar_url',
            'profile_url',
            'status',
            'connected_at',
            'disconnected_at',
            'purge_after'
          )
    ),
  ]

  const postAuthor = tables.has('posts')
    ? await userColumn('posts', ['author_id', 'created_by_id', 'user_id'])
    : null
  if (postAuthor) {
    const columns = await safeColumns('posts')
    datasets.push(
      queryDataset('posts', columns, 'id', () =>
        db.from('posts').where(postAuthor, userId).select(columns)
      )
    )
    const authoredPosts = () => db.from('posts').where(postAuthor, userId).select('id')
    if (tables.has('deliveries')) {
      const deliveryColumns = await safeColumns('deliveries')
      datasets.push(
        queryDataset('deliveries', deliveryColumns, 'id', () =>
          db.from('deliveries').whereIn('post_id', authoredPosts()).select(deliveryColumns)
        )
      )
      for (const table of [...tables].filter((name) => /metric/.test(name)).sort()) {
        if (!(await userColumn(table, ['delivery_id']))) continue
        const metricColumns = await safeColumns(table)
        const deliveries = () =>
          db.from('deliveries').whereIn('post_id', authoredPosts()).select('id')
        datasets.push(
          queryDataset('metrics', metricColumns, 'id', () =>
            db.from(table).whereIn('delivery_id', deliveries()).select(metricColumns)
          )
        )
        break
      }
    }
  }

  const mediaOwner = tables.has('media_assets')
    ? await userColumn('media_assets', [
        'uploaded_by_id',
        'created_by_id',
        'user_id',
        'author_id',
        'owner_id',
      ])
    : null
  if (mediaOwner) {
    const columns = await safeColumns('media_assets')
    datasets.push(
      queryDataset('media', columns, 'id', () =>
        db.from('media_assets').where(mediaOwner, userId).select(columns)
      )
    )
  }

  if (tables.has('notifications')) {
    const columns = await safeColumns('notifications')
    datasets.push(
      queryDataset('notifications', columns, 'id', () =>
        db.from('notifications').where('user_id', userId).select(columns)
      )
    )
  }

  datasets.push(
    queryDataset(
      'access_log',
      [
        'id',
        'workspace_id',
        'ip',
        'user_agent',
        'method',
        'route',
        'path',
        'status',
        'duration_ms',
        'created_at',
      ],
      'id',
      () =>
        db
          .from('access_logs')
          .where('user_id', userId)
          .select(
            'id',
            'workspace_id',
            'ip',
            'user_agent',
            'method',
            'route',
            'path',
            'status',
            'duration_ms',
            'created_at'
          )
    ),
    queryDataset(
      'audit_log',
      ['id', 'workspace_id', 'action', 'subject_type', 'subject_id', 'meta', 'ip', 'created_at'],
      'id',
      () =>
        db
          .from('audit_logs')
          .where((query) =>
            query
              .where('actor_id', userId)
              .orWhere((about) =>
                about.where('subject_type', 'user').where('subject_id', String(userId))
              )
          )
          .select(
            'id',
            'workspace_id',
            'action',
            'subject_type',
            'subject_id',
            'meta',
            'ip',
            'created_at'
          )
    )
  )
  return datasets
}

/** Each dataset with its number of records: what the privacy page shows. */
export async function inventoryFor(userId: number) {
  const datasets = await datasetsFor(userId)
  return Promise.all(
    datasets.map(async (dataset) => ({ id: dataset.id, records: await dataset.count() }))
  )
}

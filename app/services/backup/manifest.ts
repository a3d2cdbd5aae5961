/** What a backup archive holds and how its manifest describes it. */

export const BACKUP_FORMAT = 'pistache-postiz-backup'
export const BACKUP_VERSION = 1

/** Entry names inside the archive. */
export const ENTRIES = {
  manifest: 'manifest.json',
  sqlite: 'database/database.sqlite3',
  /** One JSON Lines file per table: `database/tables/<table>.jsonl`. */
  tablesFolder: 'database/tables/',
  mediaFolder: 'media/',
  appKey: 'app_key',
} as const

export interface BackupManifest {
  format: typeof BACKUP_FORMAT
  version: number
  createdAt: string
  database: {
    /** `sqlite`: a consistent copy of the database file; `postgres`: every table's rows. */
    dialect: 'sqlite' | 'postgres'
    /** Migrations applied to the database that was backed up, in order. */
    migrations: string[]
    /** Rows per table (postgres only). */
    tables?: Record<string, number>
  }
  /** `local`: the files are in the archive; `external`: on S3, backed up by the bucket's own means. */
  media: { disk: 'local' | 'external'; files: number; bytes: number }
  /** SHA-256 of every other entry: a restore checks them all before it changes anything. */
  checksums: Record<string, string>
}

/** Throws a readable error when `value` is not a manifest this version can restore. */
export function assertManifest(value: unknown): asserts value is BackupManifest {
  const manifest = value as Partial<BackupManifest> | null
  if (!manifest || manifest.format !== BACKUP_FORMAT)
    throw new Error('not a Pistache Postiz backup (manifest.json missing or of another kind)')
  if (manifest.version !== BACKUP_VERSION)
    throw new Error(
      `backup format version ${manifest.version} is not supported (this version reads ${BACKUP_VERSION})`
    )
  const dialect = manifest.database?.dialect
  if (dialect !== 'sqlite' && dialect !== 'postgres')
    throw new Error(`unknown database kind in the manifest: ${String(dialect)}`)
  if (!Array.isArray(manifest.database?.migrations) || typeof manifest.checksums !== 'object')
    throw new Error('manifest.json is incomplete')
}

import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { localMediaRoot, mediaDisk } from '#config/drive'
import { dataPath } from '#config/paths'
import { planKey, writeKeyFile, type KeyPlan } from '#services/backup/app_key_file'
import {
  currentDialect,
  databaseHasData,
  runPendingMigrations,
  shippedMigrations,
} from '#services/backup/database_state'
import { ENTRIES, assertManifest, type BackupManifest } from '#services/backup/manifest'
import { listFiles, replaceContents } from '#services/backup/media_folder'
import { importTables } from '#services/backup/postgres_rows'
import { inspectSqlite, installSqlite } from '#services/backup/sqlite_snapshot'
import { extractZip } from '#services/backup/zip_archive'

/** A restore that did not start: nothing was changed. */
export class RestoreRefused extends Error {}

export interface RestoreResult {
  manifest: BackupManifest
  keyPlan: KeyPlan
}

/**
 * Restores an archive made by createBackup. Everything is checked before anything changes —
 * the archive unpacks, every entry matches its checksum, the database kind and migrations
 * fit this version, the key can be used, and (without `force`) there is no data to lose —
 * so a bad archive leaves the install as it was. The web server and worker must be stopped
 * meanwhile, and restarted afterwards.
 */
export async function restoreBackup(archive: string, options: { force?: boolean } = {}) {
  const work = await mkdtemp(join(dataPath(), '.restore-'))
  try {
    const staged = join(work, 'archive')
    const manifest = await unpackAndVerify(archive, staged)
    await checkDatabaseFits(manifest, staged)
    const keyPlan = await planKey(await readFile(join(staged, ENTRIES.appKey), 'utf8'))
    if (keyPlan.action === 'refuse') throw new RestoreRefused(keyPlan.reason)
    if (!options.force && (await installHasData(manifest)))
      throw new RestoreRefused(
        'this install already has data (database rows or media files); a restore replaces all of it. Run it again with --force to do so.'
      )

    if (manifest.database.dialect === 'sqlite') {
      await installSqlite(join(staged, ENTRIES.sqlite))
      await runPendingMigrations()
    } else {
      await runPendingMigrations()
      await importTables(
        join(staged, ENTRIES.tablesFolder),
        Object.keys(manifest.database.tables ?? {})
      )
    }
    if (manifest.media.disk === 'local') {
      const media = join(staged, ENTRIES.mediaFolder)
      await mkdir(media, { recursive: true })
      await mkdir(localMediaRoot, { recursive: true })
      await replaceContents(localMediaRoot, media)
    }
    if (keyPlan.action === 'write-file') await writeKeyFile(keyPlan.file, keyPlan.key)
    return { manifest, keyPlan } satisfies RestoreResult
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

async function unpackAndVerify(archive: string, staged: string) {
  let hashes: Map<string, string>
  try {
    hashes = await extractZip(archive, staged)
  } catch (error) {
    throw new RestoreRefused((error as Error).message)
  }
  let manifest: unknown
  try {
    manifest = JSON.parse(await readFile(join(staged, ENTRIES.manifest), 'utf8'))
    assertManifest(manifest)
  } catch (error) {
    throw new RestoreRefused(
      error instanceof SyntaxError || (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'not a Pistache Postiz backup (manifest.json missing or unreadable)'
        : (error as Error).message
    )
  }
  const listed = new Set(Object.keys(manifest.checksums))
  for (const [name, sum] of Object.entries(manifest.checksums)) {
    if (hashes.get(name) !== sum)
      throw new RestoreRefused(`the archive is damaged or incomplete: ${name} does not match`)
  }
  for (const name of hashes.keys()) {
    if (name !== ENTRIES.manifest && !listed.has(name))
      throw new RestoreRefused(`the archive holds a file its manifest does not list: ${name}`)
  }
  if (!listed.has(ENTRIES.appKey)) throw new RestoreRefused('the archive holds no APP_KEY')
  return manifest
}

async function checkDatabaseFits(manifest: BackupManifest, staged: string) {
  const dialect = currentDialect()
  const kind = (name: string) => (name === 'sqlite' ? 'SQLite' : 'PostgreSQL')
  if (manifest.database.dialect !== dialect)
    throw new RestoreRefused(
      `this is a backup of a ${kind(manifest.database.dialect)} install; this one uses ${kind(dialect)}`
    )
  const shipped = await shippedMigrations()
  const archived = manifest.database.migrations
  const unknown = archived.filter((name) => !shipped.includes(name))
  if (unknown.length)
    throw new RestoreRefused(
      `the backup was made by a newer version (migrations unknown here: ${unknown.join(', ')}); restore it with that version`
    )
  if (dialect === 'sqlite') {
    // The file carries its own schema; an older one is brought up to date after the restore.
    const inFile = inspectSqlite(join(staged, ENTRIES.sqlite)).migrations
    if (inFile.join('\n') !== archived.join('\n'))
      throw new RestoreRefused('the database in the archive does not match its manifest')
  } else if (archived.length !== shipped.length) {
    // Rows only fit the schema they were exported from.
    throw new RestoreRefused(
      `the backup was made at an older schema (${archived.length} of ${shipped.length} migrations): ` +
        'restore it with the version that made it, then upgrade (pull, node ace migration:run)'
    )
  }
}

async function installHasData(manifest: BackupManifest) {
  if (await databaseHasData()) return true
  if (manifest.media.disk !== 'local' || mediaDisk !== 'local') return false
  return (await listFiles(localMediaRoot)).size > 0
}

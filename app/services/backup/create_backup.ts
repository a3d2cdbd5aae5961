import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { localMediaRoot, mediaDisk } from '#config/drive'
import { dataPath } from '#config/paths'
import { currentAppKey } from '#services/backup/app_key_file'
import { appliedMigrations, currentDialect } from '#services/backup/database_state'
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  ENTRIES,
  type BackupManifest,
} from '#services/backup/manifest'
import { listFiles, totalBytes } from '#services/backup/media_folder'
import { exportTables } from '#services/backup/postgres_rows'
import { snapshotSqlite } from '#services/backup/sqlite_snapshot'
import { sha256OfFile, writeZip } from '#services/backup/zip_archive'

/** Default archive path: `DATA_DIR/backups/pistache-<UTC timestamp>.zip`. */
export function defaultBackupPath(now = new Date()) {
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  return dataPath('backups', `pistache-${stamp}.zip`)
}

/**
 * Writes one archive with the database, the local media files and the APP_KEY, while the
 * app keeps running. It holds the key that decrypts the stored tokens: keep it as safe as
 * the key itself. The archive appears under its name only once complete.
 */
export async function createBackup(target: string) {
  const work = await mkdtemp(join(dataPath(), '.backup-'))
  try {
    const dialect = currentDialect()
    const files = new Map<string, string>()
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      database: { dialect, migrations: await appliedMigrations() },
      media: { disk: 'external', files: 0, bytes: 0 },
      checksums: {},
    }

    if (dialect === 'sqlite') {
      const snapshot = join(work, 'database.sqlite3')
      await snapshotSqlite(snapshot)
      files.set(ENTRIES.sqlite, snapshot)
    } else {
      const folder = join(work, 'tables')
      manifest.database.tables = await exportTables(folder)
      for (const table of Object.keys(manifest.database.tables)) {
        files.set(`${ENTRIES.tablesFolder}${table}.jsonl`, join(folder, `${table}.jsonl`))
      }
    }

    if (mediaDisk === 'local') {
      const media = await listFiles(localMediaRoot)
      for (const [name, path] of media) files.set(`${ENTRIES.mediaFolder}${name}`, path)
      manifest.media = { disk: 'local', files: media.size, bytes: await totalBytes(media.values()) }
    }

    const keyPath = join(work, 'app_key')
    await writeFile(keyPath, currentAppKey(), { mode: 0o600 })
    files.set(ENTRIES.appKey, keyPath)

    for (const [name, path] of files) manifest.checksums[name] = await sha256OfFile(path)
    const partial = `${target}.partial`
    const trailer = new Map([[ENTRIES.manifest, Buffer.from(JSON.stringify(manifest, null, 2))]])
    await writeZip(partial, files, trailer)
    await rename(partial, target)
    return manifest
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

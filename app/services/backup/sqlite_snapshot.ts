import { copyFile, rename, rm } from 'node:fs/promises'
import Database from 'better-sqlite3'
import db from '@adonisjs/lucid/services/db'

/** The SQLite file the app's connection uses. */
export function sqliteFile(): string {
  const config = db.getRawConnection(db.primaryConnectionName)?.config as
    { connection?: { filename?: string } } | undefined
  const filename = config?.connection?.filename
  if (!filename) throw new Error('the SQLite connection has no filename')
  return filename
}

/**
 * A consistent copy of the live database through SQLite's online backup API: the web
 * and worker processes may keep writing meanwhile (WAL), the copy is one point in time.
 */
export async function snapshotSqlite(target: string) {
  const source = new Database(sqliteFile(), { readonly: true, fileMustExist: true })
  try {
    await source.backup(target)
  } finally {
    source.close()
  }
}

/** Checks a database file from an archive; returns the migrations it records. */
export function inspectSqlite(path: string): { migrations: string[] } {
  let file: Database.Database
  try {
    file = new Database(path, { readonly: true, fileMustExist: true })
  } catch (error) {
    throw new Error(`the database in the archive cannot be opened: ${(error as Error).message}`)
  }
  try {
    const check = file.pragma('integrity_check', { simple: true })
    if (check !== 'ok') throw new Error(`the database in the archive is damaged: ${String(check)}`)
    const hasSchema = file
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'adonis_schema'")
      .get()
    const rows = hasSchema
      ? (file.prepare('SELECT name FROM adonis_schema ORDER BY id').all() as { name: string }[])
      : []
    return { migrations: rows.map((row) => row.name) }
  } catch (error) {
    if ((error as Error).message.startsWith('the database')) throw error
    throw new Error(`the database in the archive cannot be read: ${(error as Error).message}`)
  } finally {
    file.close()
  }
}

/**
 * Puts `staged` in place of the app's database file. The app's connections are closed
 * first (Lucid reopens them on the next query); the old file's WAL and shared-memory files
 * go with it, since SQLite would otherwise replay that WAL into the restored file.
 */
export async function installSqlite(staged: string) {
  const target = sqliteFile()
  await db.manager.closeAll()
  const incoming = `${target}.restoring`
  await copyFile(staged, incoming)
  await rm(`${target}-wal`, { force: true })
  await rm(`${target}-shm`, { force: true })
  await rename(incoming, target)
}

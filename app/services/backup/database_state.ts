import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { MigrationRunner } from '@adonisjs/lucid/migration'

export type BackupDialect = 'sqlite' | 'postgres'

/** The kind of database the app is configured for, as a backup names it. */
export function currentDialect(): BackupDialect {
  const name = db.connection().dialect.name
  if (name === 'postgres') return 'postgres'
  if (name === 'better-sqlite3' || name === 'sqlite3') return 'sqlite'
  throw new Error(`backups support SQLite and PostgreSQL, not ${name}`)
}

/** Tables of the app, Lucid's migration bookkeeping included. */
export async function allTables(): Promise<string[]> {
  const connection = db.connection()
  const schemas = connection.dialect.name === 'postgres' ? ['public'] : undefined
  return connection.getAllTables(schemas)
}

/** Migrations applied to the database, in the order they ran. */
export async function appliedMigrations(): Promise<string[]> {
  if (!(await allTables()).includes('adonis_schema')) return []
  const rows = await db.from('adonis_schema').select('name').orderBy('id')
  return rows.map((row: { name: string }) => row.name)
}

/** Migrations this version of the app ships, in the order they run. */
export async function shippedMigrations(): Promise<string[]> {
  const runner = new MigrationRunner(db, app, { direction: 'up', dryRun: true })
  const list = await runner.getList()
  return list.map((migration) => migration.name)
}

/** Applies the migrations this version ships that the database has not run yet. */
export async function runPendingMigrations() {
  const runner = new MigrationRunner(db, app, { direction: 'up' })
  await runner.run()
  // Not runner.close(): it releases every connection of the app, not only the migrator's.
  if (runner.error) throw runner.error
}

/** True when any application table has a row (Lucid's own tables do not count). */
export async function databaseHasData() {
  for (const table of await allTables()) {
    if (table.startsWith('adonis_schema')) continue
    const row = await db.from(table).select(db.raw('1 as one')).first()
    if (row) return true
  }
  return false
}

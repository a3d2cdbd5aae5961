import type { Group } from '@japa/runner/core'
import db from '@adonisjs/lucid/services/db'
import { resetRedis } from '#tests/helpers/redis'

/** Deletes every row of every application table (the migrations table excepted). */
export async function truncateAllTables() {
  const connection = db.connection()
  // PostgreSQL needs the schema list spelled out (knex fails on an undefined binding otherwise).
  const schemas = connection.dialect.name === 'postgres' ? ['public'] : undefined
  const tables = (await connection.getAllTables(schemas)).filter(
    (name) => !name.startsWith('adonis_schema')
  )
  if (connection.dialect.name === 'postgres') {
    if (tables.length)
      await connection.rawQuery(
        `TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`
      )
    return
  }
  await connection.rawQuery('PRAGMA foreign_keys = OFF')
  for (const table of tables) await connection.from(table).delete()
  await connection.rawQuery('DELETE FROM sqlite_sequence').catch(() => {})
  await connection.rawQuery('PRAGMA foreign_keys = ON')
}

/**
 * Every test of the group starts from empty tables and an empty Redis test database.
 * Truncation rather than a global transaction: requests go through the real HTTP
 * server, and some writes (the access log) happen after the response is sent.
 */
export function withCleanState(group: Group) {
  group.each.setup(async () => {
    await resetRedis()
    await truncateAllTables()
  })
}

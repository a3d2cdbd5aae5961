import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'
import { dataPath } from '#config/paths'

const migrations = { naturalSort: true, paths: ['database/migrations'] }
// Models declare their columns themselves; no generated schema classes.
const schemaGeneration = { enabled: false }

/** A DATABASE_URL always means PostgreSQL; otherwise DB_CONNECTION picks, SQLite by default. */
const databaseUrl = env.get('DATABASE_URL')
const connection = databaseUrl ? 'pg' : env.get('DB_CONNECTION', 'sqlite')
const sqliteFile = app.inTest ? 'test.sqlite3' : 'pistache.sqlite3'

const dbConfig = defineConfig({
  connection,
  prettyPrintDebugQueries: false,
  connections: {
    sqlite: {
      client: 'better-sqlite3',
      connection: { filename: env.get('SQLITE_PATH') ?? dataPath(sqliteFile) },
      useNullAsDefault: true,
      migrations,
      schemaGeneration,
      pool: {
        // `any`: knex hands over the raw better-sqlite3 handle, whose types are not installed.
        afterCreate: (conn: any, done: (err: Error | null, conn: unknown) => void) => {
          // WAL lets the worker write while the web process reads; FKs are off by default in SQLite.
          conn.pragma('journal_mode = WAL')
          conn.pragma('foreign_keys = ON')
          conn.pragma('busy_timeout = 5000')
          done(null, conn)
        },
      },
    },
    pg: {
      client: 'pg',
      connection: databaseUrl ?? {
        host: env.get('PG_HOST', '127.0.0.1'),
        port: env.get('PG_PORT', 5432),
        user: env.get('PG_USER', 'postgres'),
        password: env.get('PG_PASSWORD')?.release(),
        database: env.get('PG_DATABASE', app.inTest ? 'pistache_test' : 'pistache'),
      },
      migrations,
      schemaGeneration,
    },
  },
})

export default dbConfig

import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { allTables } from '#services/backup/database_state'

/**
 * PostgreSQL backups are a logical export made through the app's own connection: every
 * table's rows as JSON Lines. No pg_dump is needed, so the export works in the app image
 * and against any server version (a pg_dump older than the server refuses to run). The
 * schema is not in the archive: it is the one the app's migrations build, which is why a
 * restore requires the same migrations as the backup.
 */
const PAGE = 1000

export function tableFile(folder: string, table: string) {
  return join(folder, `${table}.jsonl`)
}

/** Writes one `<table>.jsonl` per table into `folder`; returns the row count of each. */
export async function exportTables(folder: string): Promise<Record<string, number>> {
  await mkdir(folder, { recursive: true })
  const counts: Record<string, number> = {}
  // One snapshot for every table: rows added meanwhile cannot break references in the copy.
  await db.transaction(
    async (trx) => {
      for (const table of await allTables()) {
        counts[table] = await exportTable(trx, table, tableFile(folder, table))
      }
    },
    { isolationLevel: 'repeatable read' }
  )
  return counts
}

async function exportTable(trx: TransactionClientContract, table: string, path: string) {
  const out = createWriteStream(path)
  const hasId = (await columnsOf(trx, table)).includes('id')
  let count = 0
  let lastId: unknown = null
  for (;;) {
    const query = trx
      .from(table)
      .select('*')
      .limit(hasId ? PAGE : Number.MAX_SAFE_INTEGER)
    if (hasId) query.orderBy('id')
    if (hasId && lastId !== null) query.where('id', '>', lastId as number)
    const rows = await query
    for (const row of rows) {
      if (!out.write(JSON.stringify(row) + '\n')) await once(out, 'drain')
    }
    count += rows.length
    if (!hasId || rows.length < PAGE) break
    lastId = rows.at(-1).id
  }
  out.end()
  await once(out, 'finish')
  return count
}

async function columnsOf(client: TransactionClientContract, table: string) {
  const result = await client.rawQuery(
    'SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?',
    [table]
  )
  return result.rows.map((row: { column_name: string }) => row.column_name) as string[]
}

/**
 * Replaces every row of the listed tables with the archive's, in one transaction: a bad
 * row, a missing column or a broken reference rolls everything back and the database is as
 * it was. Tables are filled parents first (foreign keys), then each serial sequence is moved
 * past the highest restored id so new rows do not collide.
 */
export async function importTables(folder: string, tables: string[]) {
  await db.transaction(async (trx) => {
    const present = new Set(await allTables())
    const missing = tables.filter((table) => !present.has(table))
    if (missing.length) throw new Error(`tables missing from this database: ${missing.join(', ')}`)
    const quoted = [...present].map((table) => `"${table.replaceAll('"', '""')}"`)
    await trx.rawQuery(`TRUNCATE ${quoted.join(', ')} RESTART IDENTITY CASCADE`)
    for (const table of await parentsFirst(trx, tables)) {
      await importTable(trx, table, tableFile(folder, table))
    }
    await resetSequences(trx)
  })
}

async function importTable(trx: TransactionClientContract, table: string, path: string) {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity })
  let batch: Record<string, unknown>[] = []
  for await (const line of lines) {
    if (!line) continue
    batch.push(JSON.parse(line))
    if (batch.length === PAGE / 2) {
      await trx.insertQuery().table(table).multiInsert(batch)
      batch = []
    }
  }
  if (batch.length) await trx.insertQuery().table(table).multiInsert(batch)
}

/** Orders tables so that each comes after the tables its foreign keys point to. */
async function parentsFirst(trx: TransactionClientContract, tables: string[]) {
  const result = await trx.rawQuery(
    `SELECT tc.table_name AS child, ccu.table_name AS parent
       FROM information_schema.table_constraints tc
       JOIN information_schema.constraint_column_usage ccu
         ON tc.constraint_name = ccu.constraint_name AND tc.table_schema = ccu.table_schema
      WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`
  )
  const parents = new Map<string, Set<string>>(tables.map((table) => [table, new Set()]))
  for (const { child, parent } of result.rows as { child: string; parent: string }[]) {
    // A self-reference is satisfied by the id order the rows were exported in.
    if (child !== parent && parents.has(child) && parents.has(parent))
      parents.get(child)!.add(parent)
  }
  const ordered: string[] = []
  const placed = new Set<string>()
  while (ordered.length < tables.length) {
    const ready = tables.filter(
      (table) => !placed.has(table) && [...parents.get(table)!].every((p) => placed.has(p))
    )
    // A cycle would leave nothing ready: take the rest as they come (the FK error then says where).
    const next = ready.length ? ready : tables.filter((table) => !placed.has(table))
    for (const table of next) {
      ordered.push(table)
      placed.add(table)
    }
  }
  return ordered
}

async function resetSequences(trx: TransactionClientContract) {
  const result = await trx.rawQuery(
    `SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) AS sequence
       FROM information_schema.columns
      WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'`
  )
  for (const row of result.rows as {
    table_name: string
    column_name: string
    sequence: string
  }[]) {
    if (!row.sequence) continue
    const table = `"${row.table_name.replaceAll('"', '""')}"`
    const column = `"${row.column_name.replaceAll('"', '""')}"`
    await trx.rawQuery(
      `SELECT setval(?, COALESCE((SELECT MAX(${column}) FROM ${table}), 0) + 1, false)`,
      [row.sequence]
    )
  }
}

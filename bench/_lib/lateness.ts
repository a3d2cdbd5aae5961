/**
 * When each delivery of a fault run became final, read back from the database, and how
 * late that was after a disruption: the recovery figures of bench/faults.ts.
 */
import { summarize, type Summary } from './util.js'

export interface FinalRow {
  n: number
  network: string
  status: string
  lastError: string | null
  dueAt: number
  /** Published (or failed, unknown) at; NaN while not final. */
  finalAt: number
}

const FINAL = new Set(['published', 'failed', 'unknown', 'cancelled'])

/** The deliveries whose post number `n` is in [from, to). */
export async function finalRows(from: number, to: number): Promise<FinalRow[]> {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const rows = await db
    .from('deliveries')
    .join('posts', 'posts.id', 'deliveries.post_id')
    .select(
      'deliveries.network',
      'deliveries.status',
      'deliveries.last_error',
      'deliveries.due_at',
      'deliveries.published_at',
      'deliveries.updated_at',
      'posts.body'
    )
  const ms = (value: unknown) => (value ? new Date(value as string).getTime() : Number.NaN)
  return rows
    .map((row: any) => ({
      n: Number(/n=(\d+)/.exec(row.body)?.[1]),
      network: row.network,
      status: row.status,
      lastError: row.last_error,
      dueAt: ms(row.due_at),
      finalAt: FINAL.has(row.status) ? ms(row.published_at ?? row.updated_at) : Number.NaN,
    }))
    .filter((row) => row.n >= from && row.n < to)
}

/**
 * Lateness after a disruption at `at` that ended at `back` (a worker available again):
 * over the deliveries not yet final at `at` and due by `dueBy`, the time from
 * max(due, back) to final. Never negative; one not final at all counts as Infinity.
 */
export function latenessAfter(
  rows: FinalRow[],
  window: { at: number; back: number; dueBy: number }
): Summary {
  const late = rows
    .filter((row) => row.dueAt <= window.dueBy && !(row.finalAt <= window.at))
    .map((row) =>
      Number.isNaN(row.finalAt)
        ? Infinity
        : Math.max(0, row.finalAt - Math.max(row.dueAt, window.back))
    )
  return summarize(late)
}

import db from '@adonisjs/lucid/services/db'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
import { POST_METRIC_NAMES } from '#models/delivery_metric_snapshot'

/**
 * SQL shared by the reports. Window functions (ROW_NUMBER, LAG) and CTEs run the same on
 * SQLite ≥ 3.25 and PostgreSQL; only the day bucket needs a dialect of its own.
 */

/** Rows of a raw query, whatever the driver returns (pg: `{ rows }`, SQLite: an array). */
export async function select<T = Record<string, unknown>>(
  sql: string,
  bindings: unknown[]
): Promise<T[]> {
  const result: T[] | { rows?: T[] } = await db.rawQuery(sql, bindings as RawQueryBindings)
  return Array.isArray(result) ? result : (result.rows ?? [])
}

/** `sum(latest.views) as views, …` */
export const metricSums = (alias: string) =>
  POST_METRIC_NAMES.map((name) => `sum(${alias}.${name}) as ${name}`).join(', ')

/** Interactions people made: what ranks the top posts (views and reach are audience, not interaction). */
export const engagementOf = (alias: string) =>
  ['likes', 'comments', 'shares', 'quotes', 'saves', 'clicks']
    .map((name) => `coalesce(${alias}.${name}, 0)`)
    .join(' + ')

/**
 * Each delivery's latest snapshot collected up to `?` (bound by the caller after the
 * workspace id), as a CTE named `latest` with `rn = 1` on the latest row.
 */
export const LATEST_CTE = `latest as (
  select s.*, row_number() over (partition by s.delivery_id order by s.collected_at desc, s.id desc) as rn
  from delivery_metric_snapshots s
  where s.workspace_id = ? and s.collected_at <= ?
)`

/** The calendar day (yyyy-MM-dd) of a timestamp column, shifted by a fixed offset in minutes (bound as `?`). */
export function dayOf(column: string) {
  if (db.connection().dialect.name === 'postgres') {
    return `to_char((${column} at time zone 'UTC') + (? * interval '1 minute'), 'YYYY-MM-DD')`
  }
  return `strftime('%Y-%m-%d', ${column}, printf('%+d minutes', ?))`
}

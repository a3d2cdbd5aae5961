import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The calendar's second read — `SELECT id, post_id, network, social_account_id, status FROM
 * deliveries WHERE post_id = ANY(…)` — answered from the index alone on PostgreSQL.
 *
 * 0010's deliveries (post_id, network, social_account_id, status) lacks `id`, so each of a
 * busy month's ~1,150 post ids costs an index probe plus a heap visit; PostgreSQL's planner
 * prices that above a parallel seq scan of every delivery and picks the scan (EXPLAIN ANALYZE
 * on bench/calendar.ts's data: 114 ms, 3,449 buffers). With `id` INCLUDEd it is an index-only
 * scan (2 ms, no heap fetch once autovacuum has marked the pages all-visible).
 *
 * SQLite needs nothing: `id` is the rowid, which every SQLite index already carries.
 */
export default class extends BaseSchema {
  async up() {
    if (this.db.dialect.name !== 'postgres') return
    // knex has no INCLUDE; the keys stay those of 0010 so the filters' EXISTS keep their index.
    this.schema.raw(
      'CREATE INDEX deliveries_calendar_covering_index ON deliveries (post_id, network, social_account_id, status) INCLUDE (id)'
    )
    this.schema.raw('DROP INDEX deliveries_calendar_index')
  }

  async down() {
    if (this.db.dialect.name !== 'postgres') return
    this.schema.raw(
      'CREATE INDEX deliveries_calendar_index ON deliveries (post_id, network, social_account_id, status)'
    )
    this.schema.raw('DROP INDEX deliveries_calendar_covering_index')
  }
}

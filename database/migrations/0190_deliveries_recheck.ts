import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * An unanswered publish the lookup could not settle at once waits for a later re-check, still
 * `publishing`: `recheck_at` is when it is due (the network's read-after-write delay, or a
 * backoff after another unanswered request), `rechecks` how many it has had, bounded by
 * `maxRechecks` before the user is asked.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('deliveries', (table) => {
      table.timestamp('recheck_at').nullable()
      table.integer('rechecks').notNullable().defaultTo(0)
    })
  }

  async down() {
    this.schema.alterTable('deliveries', (table) => {
      table.dropColumn('rechecks')
      table.dropColumn('recheck_at')
    })
  }
}

import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A published post the network stops returning was deleted there. The first reading that
 * misses it notes when (an AppView can lag behind a fresh post); the next one that still
 * misses it marks it gone: it is shown as deleted and no longer polled. A reading that finds
 * it again clears both.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('deliveries', (table) => {
      table.timestamp('metrics_missing_since').nullable()
      table.timestamp('metrics_gone_at').nullable()
    })
  }

  async down() {
    this.schema.alterTable('deliveries', (table) => {
      table.dropColumn('metrics_missing_since')
      table.dropColumn('metrics_gone_at')
    })
  }
}

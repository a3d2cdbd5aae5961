import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What kind of answer ended a delivery's last attempt (app/services/publishing/problems.ts), so
 * the pages word it in the reader's language; `last_error` keeps the network's own reason.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('deliveries', (table) => {
      table.string('last_error_kind', 32).nullable()
    })
  }

  async down() {
    this.schema.alterTable('deliveries', (table) => {
      table.dropColumn('last_error_kind')
    })
  }
}

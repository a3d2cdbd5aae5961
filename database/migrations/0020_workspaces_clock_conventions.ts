import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * How a workspace shows time: the first day of its weeks and a 12- or 24-hour clock.
 * Null means "from the workspace's region and the reader's language" (the default).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('workspaces', (table) => {
      table.smallint('week_start').nullable()
      table.string('hour_cycle', 3).nullable()
    })
  }

  async down() {
    this.schema.alterTable('workspaces', (table) => {
      table.dropColumn('week_start')
      table.dropColumn('hour_cycle')
    })
  }
}

import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A workspace's weekly posting schedule: the times "add to queue" fills. Times are
 * wall-clock `HH:mm` in the workspace's time zone, so a slot stays at 09:00 across DST.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('posting_slots', (table) => {
      table.increments('id')
      table
        .integer('workspace_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('workspaces')
        .onDelete('CASCADE')
      // ISO weekday: 1 = Monday … 7 = Sunday (luxon's `weekday`).
      table.smallint('weekday').notNullable()
      table.string('time', 5).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.unique(['workspace_id', 'weekday', 'time'])
    })
  }

  async down() {
    this.schema.dropTable('posting_slots')
  }
}

import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Whether a target has its own list of follow-ups (post_parts rows with its delivery_id), even
 * an empty one: an empty own list means "no follow-ups for this account", where no own list
 * means "the post's shared follow-ups".
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('deliveries', (table) => {
      table.boolean('own_parts').notNullable().defaultTo(false)
    })
  }

  async down() {
    this.schema.alterTable('deliveries', (table) => {
      table.dropColumn('own_parts')
    })
  }
}

import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Why a due delivery has not gone out yet when the reason is ours, not the network's: its
 * account's publish slots (or its network's ceiling) are all taken. Written with each
 * wake-up, cleared by the claim, so the post page can say what it is waiting for.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('deliveries', (table) => {
      table.string('waiting_for', 32).nullable()
    })
  }

  async down() {
    this.schema.alterTable('deliveries', (table) => {
      table.dropColumn('waiting_for')
    })
  }
}

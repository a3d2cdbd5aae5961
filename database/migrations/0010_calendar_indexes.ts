import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The calendar reads a workspace's posts in a date range (posts (workspace_id, scheduled_at),
 * from 0007), then the networks, accounts and statuses of their deliveries. This index
 * answers that second read, and the account/network filters' EXISTS, from the index alone.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('deliveries', (table) => {
      table.index(
        ['post_id', 'network', 'social_account_id', 'status'],
        'deliveries_calendar_index'
      )
    })
  }

  async down() {
    this.schema.alterTable('deliveries', (table) => {
      table.dropIndex(
        ['post_id', 'network', 'social_account_id', 'status'],
        'deliveries_calendar_index'
      )
    })
  }
}

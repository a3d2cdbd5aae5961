import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The evergreen queue: posts a workspace re-publishes in rotation into free posting-schedule
 * slots, and every send (which text went to which account, when), so gaps and the
 * networks' duplicate rules can be honoured.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('evergreen_items', (table) => {
      table.increments('id')
      table
        .integer('workspace_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('workspaces')
        .onDelete('CASCADE')
      table
        .integer('created_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      // JSON: the texts it rotates through (the first is the main one), and the accounts.
      table.text('variants').notNullable()
      table.text('target_account_ids').notNullable()
      // The least time between two sends of this item.
      table.integer('min_gap_days').notNullable()
      table.timestamp('last_sent_at').nullable()
      table.boolean('active').notNullable().defaultTo(true)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['workspace_id', 'active'])
    })

    this.schema.createTable('evergreen_sends', (table) => {
      table.increments('id')
      table
        .integer('item_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('evergreen_items')
        .onDelete('CASCADE')
      table.integer('workspace_id').unsigned().notNullable()
      table.integer('social_account_id').unsigned().notNullable()
      table.string('network', 32).notNullable()
      // sha256 of the text sent: "never the same text twice" where the network refuses it.
      table.string('text_hash', 64).notNullable()
      table
        .integer('post_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('posts')
        .onDelete('SET NULL')
      table.timestamp('slot_at').notNullable()
      // Why this account was left out of this send, or null when it was included.
      table.string('skipped_reason', 32).nullable()
      table.timestamp('created_at').notNullable()
      table.index(['social_account_id', 'slot_at'])
      table.index(['item_id'])
    })
  }

  async down() {
    this.schema.dropTable('evergreen_sends')
    this.schema.dropTable('evergreen_items')
  }
}

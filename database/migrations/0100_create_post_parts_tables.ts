import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Threads and first comments. `post_parts` is what the author wrote: the post's shared list
 * (delivery_id null) and a target's own list that replaces it (delivery_id set).
 * `delivery_parts` is each follow-up as one step of one delivery's publish, written when the
 * main post is out: its own idempotency key, status and network id, so a crash between two
 * parts resumes at the first part not yet published.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('post_parts', (table) => {
      table.increments('id')
      table
        .integer('post_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('posts')
        .onDelete('CASCADE')
      // Null: the post's shared list; set: that target's own list (which replaces the shared one).
      table
        .integer('delivery_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('deliveries')
        .onDelete('CASCADE')
      table.string('kind', 16).notNullable()
      // 1-based, within (post, delivery, kind).
      table.integer('position').notNullable()
      table.text('text').notNullable()
      // JSON: [{ mediaAssetId, altText }] in order.
      table.text('media').notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['post_id', 'delivery_id'])
    })

    this.schema.createTable('delivery_parts', (table) => {
      table.increments('id')
      table
        .integer('delivery_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('deliveries')
        .onDelete('CASCADE')
      table.integer('post_id').unsigned().notNullable()
      table.string('kind', 16).notNullable()
      // 1-based publish order on this account (the main post is 0).
      table.integer('position').notNullable()
      table.text('text').notNullable()
      table.text('media').notNullable()
      // pending → publishing → published | failed | unknown
      table.string('status', 16).notNullable()
      table.string('idempotency_key', 80).notNullable().unique()
      table.integer('attempts').notNullable().defaultTo(0)
      table.text('pending_handle').nullable()
      table.string('external_id', 512).nullable()
      table.text('external_url').nullable()
      table.string('reply_ref', 512).nullable()
      table.text('last_error').nullable()
      table.string('last_error_kind', 32).nullable()
      table.timestamp('published_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.unique(['delivery_id', 'position'])
      table.index(['post_id'])
    })

    // The main post's reply reference (Bluesky's CID), kept with its network id.
    this.schema.alterTable('deliveries', (table) => {
      table.string('reply_ref', 512).nullable()
    })
  }

  async down() {
    this.schema.alterTable('deliveries', (table) => {
      table.dropColumn('reply_ref')
    })
    this.schema.dropTable('delivery_parts')
    this.schema.dropTable('post_parts')
  }
}

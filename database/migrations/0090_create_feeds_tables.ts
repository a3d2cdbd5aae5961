import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Feeds a workspace follows (RSS, Atom, JSON Feed) and every item already seen, so an item
 * becomes a post at most once: `(feed_id, item_key)` is unique and is inserted before the
 * post is made.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('feeds', (table) => {
      table.increments('id')
      table
        .integer('workspace_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('workspaces')
        .onDelete('CASCADE')
      table.string('url', 2048).notNullable()
      table.string('title', 255).nullable()
      // draft | queue | approval: what a new item becomes.
      table.string('mode', 16).notNullable()
      table.text('template').notNullable()
      // JSON arrays: account ids, include words, exclude words.
      table.text('target_account_ids').notNullable()
      table.text('include_words').notNullable()
      table.text('exclude_words').notNullable()
      table.integer('max_items_per_fetch').notNullable()
      // Whether the first fetch imports items published before the feed was added.
      table.boolean('import_existing').notNullable().defaultTo(false)
      table.boolean('active').notNullable().defaultTo(true)
      // The posts act as this member (their rights are checked at every fetch).
      table
        .integer('created_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      // Conditional GET.
      table.string('etag', 512).nullable()
      table.string('last_modified', 512).nullable()
      table.timestamp('last_fetched_at').nullable()
      table.timestamp('next_fetch_at').nullable()
      table.string('last_error_code', 32).nullable()
      table.string('last_error', 500).nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['workspace_id'])
      table.index(['active', 'next_fetch_at'])
    })

    this.schema.createTable('feed_items', (table) => {
      table.increments('id')
      table
        .integer('feed_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('feeds')
        .onDelete('CASCADE')
      table.integer('workspace_id').unsigned().notNullable()
      // sha256 of the guid (or the link when there is none): guids can be long URLs.
      table.string('item_key', 64).notNullable()
      table.string('title', 500).nullable()
      table.string('link', 2048).nullable()
      table
        .integer('post_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('posts')
        .onDelete('SET NULL')
      // Why no post was made: filtered, too_old, invalid…
      table.string('skipped_reason', 32).nullable()
      table.timestamp('created_at').notNullable()
      table.unique(['feed_id', 'item_key'])
    })
  }

  async down() {
    this.schema.dropTable('feed_items')
    this.schema.dropTable('feeds')
  }
}

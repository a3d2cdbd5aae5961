import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Repeating posts. A series holds the content and an RFC 5545 rule read in the workspace's
 * time zone from a wall-clock start; each occurrence becomes its own post (its own
 * deliveries and idempotency keys), laid out ahead by a rolling-window job. An occurrence
 * row is inserted before its post is made: `(series_id, occurs_at_local)` is unique, so an
 * occurrence is made once whatever runs the job.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('post_series', (table) => {
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
      // RRULE body without DTSTART (FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10).
      table.string('rule', 500).notNullable()
      // First occurrence as a wall-clock time in the workspace's zone: 2027-03-15T09:00.
      table.string('starts_at_local', 16).notNullable()
      table.text('body').notNullable()
      // JSON: [{ socialAccountId, text, options }] and [{ mediaAssetId, altText }].
      table.text('targets').notNullable()
      table.text('media').notNullable()
      // Occurrences up to this instant exist as posts.
      table.timestamp('materialized_until').nullable()
      table.boolean('active').notNullable().defaultTo(true)
      table.string('last_error', 500).nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['active'])
    })

    this.schema.createTable('series_occurrences', (table) => {
      table.increments('id')
      table
        .integer('series_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('post_series')
        .onDelete('CASCADE')
      table.integer('workspace_id').unsigned().notNullable()
      table.string('occurs_at_local', 16).notNullable()
      table.timestamp('occurs_at').notNullable()
      table
        .integer('post_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('posts')
        .onDelete('SET NULL')
      // Edited on its own ("this one"): later "all future" edits leave it alone.
      table.boolean('detached').notNullable().defaultTo(false)
      table.string('problem', 32).nullable()
      table.timestamp('created_at').notNullable()
      table.unique(['series_id', 'occurs_at_local'])
      table.index(['post_id'])
    })
  }

  async down() {
    this.schema.dropTable('series_occurrences')
    this.schema.dropTable('post_series')
  }
}

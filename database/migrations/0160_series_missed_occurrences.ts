import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What a repeating post does with an occurrence whose time passed while no worker was
 * running: `post_late` publishes it if it is at most `late_grace_minutes` late, `skip` never
 * publishes it late. Beyond that it is skipped and the occurrence says so (`missed_at`);
 * one posted late keeps by how much (`late_seconds`), for the post and series pages.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('post_series', (table) => {
      table.string('missed_policy', 16).notNullable().defaultTo('post_late')
      table.integer('late_grace_minutes').notNullable().defaultTo(120)
    })
    this.schema.alterTable('series_occurrences', (table) => {
      table.timestamp('missed_at').nullable()
      table.integer('late_seconds').nullable()
    })
  }

  async down() {
    this.schema.alterTable('series_occurrences', (table) => {
      table.dropColumn('late_seconds')
      table.dropColumn('missed_at')
    })
    this.schema.alterTable('post_series', (table) => {
      table.dropColumn('late_grace_minutes')
      table.dropColumn('missed_policy')
    })
  }
}

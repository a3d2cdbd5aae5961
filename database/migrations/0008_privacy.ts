import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Privacy: restriction of processing (GDPR art. 18), the GDPR exports, and deletions.
 *
 * A deleted user's row is removed at once (their sessions die with it and the e-mail is
 * free again); rows that must outlive it are anonymised in the same step (audit actor →
 * null). What is left behind without a foreign key (access log, exports) is removed by the
 * next purge, which finds the user id in `user_deletions` and then drops that row too.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('users', (table) => {
      // Set while the user restricts processing: publishing and metrics collection skip their content.
      table.timestamp('processing_restricted_at').nullable()
    })

    // No foreign key on user_id on purpose: an export of a deleted user stays until the purge
    // has removed its file, which a cascade could not do.
    this.schema.createTable('data_exports', (table) => {
      table.increments('id')
      table.integer('user_id').unsigned().notNullable()
      // pending | ready | failed
      table.string('status', 16).notNullable().defaultTo('pending')
      // Path of the ZIP under the data folder, set once written.
      table.string('file_key', 255).nullable()
      table.bigInteger('size_bytes').nullable()
      table.timestamp('expires_at').notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('completed_at').nullable()
      table.index(['user_id', 'created_at'])
      table.index(['expires_at'])
    })

    this.schema.createTable('user_deletions', (table) => {
      table.increments('id')
      table.integer('user_id').unsigned().notNullable().unique()
      table.timestamp('deleted_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('user_deletions')
    this.schema.dropTable('data_exports')
    this.schema.alterTable('users', (table) => {
      table.dropColumn('processing_restricted_at')
    })
  }
}

import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Privacy: restriction of processing (GDPR art. 18) and the GDPR exports.
 *
 * Deletion needs no column: a deleted user's row is removed at once (their sessions die
 * with it and the e-mail is free again); rows that must outlive it are anonymised in the
 * same step (audit actor → null), and the purge sweeps what is left behind, recognising
 * it by a user id that no longer exists (ids are never reused: AUTOINCREMENT / serial).
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
  }

  async down() {
    this.schema.dropTable('data_exports')
    this.schema.alterTable('users', (table) => {
      table.dropColumn('processing_restricted_at')
    })
  }
}

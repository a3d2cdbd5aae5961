import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Links mailed to confirm an address before it becomes a sign-in address: a sign-up
 * (the account is created only when its link is opened) or a change of e-mail (the
 * address changes only then). Only the SHA-256 of each token is stored.
 */
export default class extends BaseSchema {
  protected tableName = 'account_confirmations'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.string('purpose', 20).notNullable()
      table.string('token_hash', 64).notNullable().unique()
      /** The address the link was sent to: the new account's, or the new sign-in address. */
      table.string('email', 254).notNullable()
      /** The account changing its address (null for a sign-up). */
      table
        .integer('user_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      /** Sign-up only: what the form gave; the password as a hash, never in clear. */
      table.string('full_name', 120).nullable()
      table.string('password_hash').nullable()
      table.string('locale', 10).nullable()
      table.string('timezone', 64).nullable()
      table.string('next_path', 512).nullable()
      table.timestamp('expires_at').notNullable()
      table.timestamp('used_at').nullable()
      table.timestamp('created_at').notNullable()
      table.index(['purpose', 'email'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}

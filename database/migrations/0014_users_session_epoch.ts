import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A counter bumped whenever the password changes. Each session remembers the value it
 * signed in with; a session holding an older value is signed out on its next request,
 * so a password change ends the sessions on every other device.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('users', (table) => {
      table.integer('session_epoch').notNullable().defaultTo(0)
    })
  }

  async down() {
    this.schema.alterTable('users', (table) => {
      table.dropColumn('session_epoch')
    })
  }
}

import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The instance-admin flag: who runs the install (the System area), distinct from the
 * workspace roles. The first account of an install gets it (app/services/instance_admins.ts).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('users', (table) => {
      table.boolean('is_instance_admin').notNullable().defaultTo(false)
    })
  }

  async down() {
    this.schema.alterTable('users', (table) => {
      table.dropColumn('is_instance_admin')
    })
  }
}

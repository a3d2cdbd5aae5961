import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('social_accounts', (table) => {
      table.increments('id')
      table
        .integer('workspace_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('workspaces')
        .onDelete('CASCADE')
      table.string('network', 32).notNullable()
      table.string('external_id', 191).notNullable()
      table.string('handle', 191).notNullable()
      table.string('display_name', 191).notNullable()
      table.string('avatar_url', 1024).nullable()
      table.string('profile_url', 1024).nullable()
      table.text('meta').nullable()
      // AES-256-GCM ciphertext of the plugin's TokenSet; null once disconnected.
      table.text('token_ciphertext').nullable()
      table.timestamp('token_expires_at').nullable()
      table.string('status', 24).notNullable().defaultTo('connected')
      table.string('last_error', 500).nullable()
      table
        .integer('connected_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('connected_at').notNullable()
      table.timestamp('disconnected_at').nullable()
      // Cached profile data of a disconnected account is purged after this instant.
      table.timestamp('purge_after').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.unique(['workspace_id', 'network', 'external_id'])
      table.index(['status', 'token_expires_at'])
      table.index(['purge_after'])
    })

    // An app registration per instance (Mastodon): reused by every workspace connecting there.
    this.schema.createTable('oauth_instance_apps', (table) => {
      table.increments('id')
      table.string('network', 32).notNullable()
      table.string('instance_url', 512).notNullable()
      table.string('redirect_uri', 1024).notNullable()
      table.string('client_id', 255).notNullable()
      table.text('client_secret_ciphertext').notNullable()
      table.timestamp('created_at').notNullable()
      table.unique(['network', 'instance_url', 'redirect_uri'])
    })
  }

  async down() {
    this.schema.dropTable('oauth_instance_apps')
    this.schema.dropTable('social_accounts')
  }
}

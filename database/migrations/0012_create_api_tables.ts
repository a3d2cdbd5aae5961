import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The public API and its webhooks: per-workspace access tokens (only a SHA-256 of the
 * secret is kept), remembered answers to idempotent creates, webhook subscriptions with
 * an encrypted signing secret, and the log of every webhook delivery attempt.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('api_tokens', (table) => {
      table.increments('id')
      table
        .integer('workspace_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('workspaces')
        .onDelete('CASCADE')
      table.string('name', 80).notNullable()
      // The first characters of the token, shown in the list so a user can tell tokens apart.
      table.string('prefix', 24).notNullable()
      // Hex SHA-256 of the whole token; the token itself is shown once and never stored.
      table.string('token_hash', 64).notNullable().unique()
      // read | write
      table.string('scope', 8).notNullable()
      // The token acts as this member: when they leave the workspace the token stops working.
      table
        .integer('created_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('last_used_at').nullable()
      table.timestamp('expires_at').nullable()
      table.timestamp('revoked_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['workspace_id'])
    })

    this.schema.createTable('idempotency_keys', (table) => {
      table.increments('id')
      table
        .integer('token_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('api_tokens')
        .onDelete('CASCADE')
      table.string('key', 255).notNullable()
      // SHA-256 of method, path and body: the same key with another request is a conflict.
      table.string('request_hash', 64).notNullable()
      table.integer('response_status').nullable()
      table.text('response').nullable()
      table.timestamp('created_at').notNullable()
      table.unique(['token_id', 'key'])
    })

    this.schema.createTable('webhooks', (table) => {
      table.increments('id')
      table
        .integer('workspace_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('workspaces')
        .onDelete('CASCADE')
      table.string('url', 2048).notNullable()
      table.text('events').notNullable().defaultTo('[]')
      // Sealed with the token vault (AES-256-GCM under APP_KEY), bound to the webhook.
      table.text('secret_ciphertext').notNullable()
      table.boolean('active').notNullable().defaultTo(true)
      table
        .integer('created_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['workspace_id'])
    })

    this.schema.createTable('webhook_deliveries', (table) => {
      table.increments('id')
      table
        .integer('webhook_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('webhooks')
        .onDelete('CASCADE')
      // Denormalised so every query (and the tenancy walker) can be scoped without a join.
      table
        .integer('workspace_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('workspaces')
        .onDelete('CASCADE')
      table.string('event', 64).notNullable()
      table.text('payload').notNullable()
      // pending | delivered | failed
      table.string('status', 16).notNullable().defaultTo('pending')
      table.integer('attempts').notNullable().defaultTo(0)
      table.integer('response_status').nullable()
      table.string('last_error', 500).nullable()
      table.timestamp('next_attempt_at').nullable()
      table.timestamp('delivered_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['webhook_id', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable('webhook_deliveries')
    this.schema.dropTable('webhooks')
    this.schema.dropTable('idempotency_keys')
    this.schema.dropTable('api_tokens')
  }
}

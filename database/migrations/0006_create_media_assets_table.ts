import { BaseSchema } from '@adonisjs/lucid/schema'

/** The media library: uploaded files (assets) and the per-network copies made from them (variants). */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('media_assets', (table) => {
      table.increments('id')
      table
        .integer('workspace_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('workspaces')
        .onDelete('CASCADE')
      table
        .integer('uploaded_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.string('kind', 8).notNullable()
      // Shown to users only; files are stored under server-made keys, never under this name.
      table.string('original_name', 255).notNullable()
      table.string('mime_type', 64).notNullable()
      table.bigInteger('bytes').unsigned().notNullable()
      table.integer('width').unsigned().nullable()
      table.integer('height').unsigned().nullable()
      table.float('duration_seconds').nullable()
      table.text('alt_text').nullable()
      table.string('status', 16).notNullable().defaultTo('processing')
      table.string('failure_reason', 500).nullable()
      table.string('storage_key', 255).notNullable()
      table.string('thumbnail_key', 255).nullable()
      table.string('sha256', 64).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['workspace_id', 'created_at'])
      table.index(['workspace_id', 'sha256'])
    })

    this.schema.createTable('media_variants', (table) => {
      table.increments('id')
      table
        .integer('media_asset_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('media_assets')
        .onDelete('CASCADE')
      table.string('network', 32).notNullable()
      // May equal the asset's storage_key when the original already fits the network.
      table.string('key', 255).nullable()
      table.string('mime_type', 64).nullable()
      table.bigInteger('bytes').unsigned().nullable()
      table.integer('width').unsigned().nullable()
      table.integer('height').unsigned().nullable()
      table.float('duration_seconds').nullable()
      table.string('status', 16).notNullable().defaultTo('processing')
      table.string('failure_reason', 500).nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.unique(['media_asset_id', 'network'])
    })
  }

  async down() {
    this.schema.dropTable('media_variants')
    this.schema.dropTable('media_assets')
  }
}

import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The workspace's content library: templates, snippets (signatures), hashtag groups and
 * custom variables. One table because the four kinds share name, text, search and rights;
 * the columns a kind does not use stay empty (`[]`/`{}`). A name is unique per kind.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('library_items', (table) => {
      table.increments('id')
      table
        .integer('workspace_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('workspaces')
        .onDelete('CASCADE')
      // template | snippet | hashtag_group | variable
      table.string('kind', 16).notNullable()
      table.string('name', 80).notNullable()
      // Template body, snippet text, the group's hashtags, or the variable's value.
      table.text('body').notNullable()
      // JSON: templates' text per network id ({ "x": "…" }).
      table.text('network_variants').notNullable()
      // JSON: templates' media [{ mediaAssetId, altText }].
      table.text('media').notNullable()
      // JSON: snippets appended automatically to these networks' / accounts' posts.
      table.text('auto_networks').notNullable()
      table.text('auto_account_ids').notNullable()
      table
        .integer('created_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.unique(['workspace_id', 'kind', 'name'])
    })
  }

  async down() {
    this.schema.dropTable('library_items')
  }
}

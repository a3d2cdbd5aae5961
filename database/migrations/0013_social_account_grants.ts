import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The login grant an account's token belongs to (AccountProfile.grant): accounts that share
 * one (a Meta user's Pages, a LinkedIn member and their organisations) must not have it
 * revoked while a sibling still uses it. Indexed for that "anyone else?" lookup.
 * Facebook and Instagram accounts connected before this column know their Meta user id
 * (meta.userId): their key is filled in; others get it at their next connect.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('social_accounts', (table) => {
      table.string('grant_key', 191).nullable()
      table.index(['grant_key'], 'social_accounts_grant_key_index')
    })
    this.defer(async (db) => {
      const rows = await db
        .from('social_accounts')
        .whereIn('network', ['facebook', 'instagram'])
        .whereNotNull('meta')
        .select('id', 'meta')
      for (const row of rows) {
        const meta = typeof row.meta === 'string' ? JSON.parse(row.meta) : row.meta
        if (meta?.userId)
          await db
            .from('social_accounts')
            .where('id', row.id)
            .update({ grant_key: `meta:${meta.userId}` })
      }
    })
  }

  async down() {
    this.schema.alterTable('social_accounts', (table) => {
      table.dropIndex(['grant_key'], 'social_accounts_grant_key_index')
      table.dropColumn('grant_key')
    })
  }
}

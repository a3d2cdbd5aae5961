import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Posts, their per-account deliveries (the unit the publishing pipeline works on), the
 * media attached to a post, and in-app notifications. The database is the source of
 * truth for publishing: BullMQ jobs only wake a worker up (see app/services/publishing).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('posts', (table) => {
      table.increments('id')
      table
        .integer('workspace_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('workspaces')
        .onDelete('CASCADE')
      table
        .integer('author_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.text('body').notNullable().defaultTo('')
      // draft | pending_approval | approved | rejected | scheduled | publishing | published | partially_published | failed
      table.string('status', 24).notNullable().defaultTo('draft')
      // Always UTC; the UI converts from and to the workspace and user time zones.
      table.timestamp('scheduled_at').nullable()
      table
        .integer('reviewed_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('reviewed_at').nullable()
      table.string('review_comment', 2000).nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      // The calendar loads one workspace's visible range.
      table.index(['workspace_id', 'scheduled_at'])
      table.index(['workspace_id', 'status'])
    })

    this.schema.createTable('deliveries', (table) => {
      table.increments('id')
      table
        .integer('post_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('posts')
        .onDelete('CASCADE')
      // Denormalised so every query can be scoped to a workspace without a join.
      table
        .integer('workspace_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('workspaces')
        .onDelete('CASCADE')
      // Nullable: a purged account must not take the record of what was published with it.
      table
        .integer('social_account_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('social_accounts')
        .onDelete('SET NULL')
      table.string('network', 32).notNullable()
      // The per-account variant; null means the post's body.
      table.text('text').nullable()
      table.text('options').notNullable().defaultTo('{}')
      // draft | pending_approval | scheduled | queued | publishing | published | failed | unknown | cancelled
      table.string('status', 24).notNullable().defaultTo('draft')
      // Bumped by every edit/reschedule: a job carrying an older revision does nothing.
      table.integer('revision').notNullable().defaultTo(1)
      table.integer('attempts').notNullable().defaultTo(0)
      table.integer('rate_limit_waits').notNullable().defaultTo(0)
      table.integer('status_checks').notNullable().defaultTo(0)
      table.timestamp('due_at').nullable()
      table.timestamp('lease_until').nullable()
      table.string('claimed_by', 191).nullable()
      // The BullMQ job id of the current wake-up call, so the reconciler can tell a live job from a lost one.
      table.string('job_id', 191).nullable()
      // Short and secret-free: shown to the user.
      table.string('last_error', 500).nullable()
      table.string('external_id', 191).nullable()
      table.string('external_url', 1024).nullable()
      table.timestamp('published_at').nullable()
      // Same key for every attempt of this delivery, for the life of the delivery.
      table.string('idempotency_key', 36).notNullable().unique()
      table.text('pending_handle').nullable()
      table.timestamp('check_after').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.unique(['post_id', 'social_account_id'])
      // The reconciler's scan.
      table.index(['status', 'due_at'])
      table.index(['workspace_id', 'status'])
    })

    this.schema.createTable('post_media', (table) => {
      table.increments('id')
      table
        .integer('post_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('posts')
        .onDelete('CASCADE')
      // Not a foreign key yet: media_assets arrives in migration 0006 (media engineer), written
      // concurrently. A later migration adds the constraint once both tables exist everywhere.
      table.integer('media_asset_id').unsigned().notNullable()
      table.integer('position').notNullable().defaultTo(0)
      // Overrides the asset's own alt text for this post; null keeps the asset's.
      table.text('alt_text').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['post_id', 'position'])
      table.index(['media_asset_id'])
    })

    this.schema.createTable('notifications', (table) => {
      table.bigIncrements('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table
        .integer('workspace_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('workspaces')
        .onDelete('CASCADE')
      table.string('kind', 48).notNullable()
      table.text('data').nullable()
      // One notification per event and user: a retried notify step cannot write a second one.
      table.string('event_key', 191).notNullable()
      table.timestamp('read_at').nullable()
      table.timestamp('created_at').notNullable()
      table.unique(['user_id', 'event_key'])
      table.index(['user_id', 'read_at'])
    })
  }

  async down() {
    this.schema.dropTable('notifications')
    this.schema.dropTable('post_media')
    this.schema.dropTable('deliveries')
    this.schema.dropTable('posts')
  }
}

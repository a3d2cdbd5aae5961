import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Client review and conversations: review links (only a SHA-256 of the token is kept, an
 * optional password as a scrypt hash), the posts each link shows, every post's comment
 * thread (members' internal comments and the client's comments, told apart by `source`),
 * the client's verdict on each post, and the workspace's "client approval required" switch.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('review_links', (table) => {
      table.increments('id')
      table
        .integer('workspace_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('workspaces')
        .onDelete('CASCADE')
      table.string('label', 120).notNullable()
      // Hex SHA-256 of the whole token; the link is shown once and never stored.
      table.string('token_hash', 64).notNullable().unique()
      // A scrypt hash (AdonisJS hash), null when the link has no password.
      table.string('password_hash', 255).nullable()
      // The language of the page the client sees (en | fr).
      table.string('locale', 8).notNullable()
      // Opt-in address told when new posts await review on this link.
      table.string('client_email', 254).nullable()
      // JSON array of social account ids whose previews the page shows; null = every target.
      table.text('account_ids').nullable()
      table.timestamp('range_start').nullable()
      table.timestamp('range_end').nullable()
      table
        .integer('created_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('expires_at').notNullable()
      table.timestamp('revoked_at').nullable()
      table.timestamp('last_opened_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['workspace_id'])
    })

    this.schema.createTable('review_link_posts', (table) => {
      table.increments('id')
      table
        .integer('review_link_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('review_links')
        .onDelete('CASCADE')
      table
        .integer('post_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('posts')
        .onDelete('CASCADE')
      table.unique(['review_link_id', 'post_id'])
      table.index(['post_id'])
    })

    this.schema.createTable('post_comments', (table) => {
      table.increments('id')
      table
        .integer('workspace_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('workspaces')
        .onDelete('CASCADE')
      table
        .integer('post_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('posts')
        .onDelete('CASCADE')
      // internal (a member, never shown on a review page) | client (left through a review link)
      table.string('source', 16).notNullable()
      table
        .integer('author_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table
        .integer('review_link_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('review_links')
        .onDelete('SET NULL')
      // The name a client typed on the review page.
      table.string('client_name', 80).nullable()
      // comment | approved | changes_requested: a client's verdict may carry the comment.
      table.string('kind', 24).notNullable()
      table.text('body').notNullable()
      // JSON array of the user ids mentioned (members of the workspace when written).
      table.text('mentions').nullable()
      table.timestamp('edited_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['post_id', 'id'])
    })

    this.schema.alterTable('posts', (table) => {
      // null | approved | changes_requested: the client's latest verdict on this content.
      table.string('client_status', 24).nullable()
      table.string('client_reviewer_name', 80).nullable()
      table.timestamp('client_reviewed_at').nullable()
      // What the client reviewed (SHA-256 of text, targets and media): an edit that changes it resets the verdict.
      table.string('client_approved_fingerprint', 64).nullable()
      // Set when an edit reset the client's approval: the review page says so.
      table.timestamp('client_reset_at').nullable()
    })

    this.schema.alterTable('workspaces', (table) => {
      table.boolean('client_approval_required').notNullable().defaultTo(false)
    })
  }

  async down() {
    this.schema.alterTable('workspaces', (table) => {
      table.dropColumn('client_approval_required')
    })
    this.schema.alterTable('posts', (table) => {
      table.dropColumn('client_status')
      table.dropColumn('client_reviewer_name')
      table.dropColumn('client_reviewed_at')
      table.dropColumn('client_approved_fingerprint')
      table.dropColumn('client_reset_at')
    })
    this.schema.dropTable('post_comments')
    this.schema.dropTable('review_link_posts')
    this.schema.dropTable('review_links')
  }
}

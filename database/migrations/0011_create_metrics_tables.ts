import { BaseSchema } from '@adonisjs/lucid/schema'

const POST_METRICS = [
  'views',
  'likes',
  'comments',
  'shares',
  'reach',
  'saves',
  'quotes',
  'clicks',
] as const

/**
 * Metrics read from the networks (app/services/analytics). Every collection appends a
 * snapshot, so curves can be drawn; a null figure means the network does not give it
 * (shown as "n/a", never as zero). Deliveries learn when they were last collected and
 * when they are next due, which keeps the collector's query on one index.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('delivery_metric_snapshots', (table) => {
      table.increments('id')
      table
        .integer('delivery_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('deliveries')
        .onDelete('CASCADE')
      // Denormalised so the workspace pages aggregate without joining deliveries.
      table
        .integer('workspace_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('workspaces')
        .onDelete('CASCADE')
      table
        .integer('social_account_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('social_accounts')
        .onDelete('SET NULL')
      table.string('network', 32).notNullable()
      table.timestamp('collected_at').notNullable()
      for (const metric of POST_METRICS) table.integer(metric).nullable()
      table.index(['workspace_id', 'collected_at'])
      table.index(['delivery_id', 'collected_at'])
    })

    this.schema.createTable('account_metric_snapshots', (table) => {
      table.increments('id')
      table
        .integer('social_account_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('social_accounts')
        .onDelete('CASCADE')
      table
        .integer('workspace_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('workspaces')
        .onDelete('CASCADE')
      table.timestamp('collected_at').notNullable()
      table.integer('followers').nullable()
      table.integer('following').nullable()
      table.integer('posts').nullable()
      table.index(['workspace_id', 'collected_at'])
      table.index(['social_account_id', 'collected_at'])
    })

    this.schema.alterTable('deliveries', (table) => {
      table.timestamp('metrics_collected_at').nullable()
      // Null until the first collection. Posts older than the schedule's last step are never selected again.
      table.timestamp('metrics_due_at').nullable()
      table.index(['status', 'metrics_due_at'], 'deliveries_metrics_due_index')
    })
  }

  async down() {
    this.schema.alterTable('deliveries', (table) => {
      table.dropIndex(['status', 'metrics_due_at'], 'deliveries_metrics_due_index')
      table.dropColumn('metrics_collected_at')
      table.dropColumn('metrics_due_at')
    })
    this.schema.dropTable('account_metric_snapshots')
    this.schema.dropTable('delivery_metric_snapshots')
  }
}

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
 * Metrics of a thread's parts (replies published after the main post), read with the main
 * post's and kept apart from delivery_metric_snapshots: every workspace figure sums those per
 * delivery, and a thread's replies are not more posts. The post's page adds them up into the
 * thread's total.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('delivery_part_metric_snapshots', (table) => {
      table.increments('id')
      table
        .integer('delivery_part_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('delivery_parts')
        .onDelete('CASCADE')
      table
        .integer('delivery_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('deliveries')
        .onDelete('CASCADE')
      table
        .integer('workspace_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('workspaces')
        .onDelete('CASCADE')
      table.timestamp('collected_at').notNullable()
      for (const metric of POST_METRICS) table.integer(metric).nullable()
      table.index(['delivery_id', 'collected_at'])
    })
  }

  async down() {
    this.schema.dropTable('delivery_part_metric_snapshots')
  }
}

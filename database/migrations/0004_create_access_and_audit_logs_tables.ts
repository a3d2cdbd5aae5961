import { BaseSchema } from '@adonisjs/lucid/schema'

/** No foreign keys on purpose: log rows outlive the users and workspaces they mention until their retention ends. */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('access_logs', (table) => {
      table.bigIncrements('id')
      table.integer('user_id').unsigned().notNullable()
      table.integer('workspace_id').unsigned().nullable()
      table.string('ip', 64).nullable()
      table.string('user_agent', 512).nullable()
      table.string('method', 8).notNullable()
      table.string('route', 191).nullable()
      table.string('path', 512).notNullable()
      table.smallint('status').notNullable()
      table.integer('duration_ms').notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['created_at'])
      table.index(['user_id', 'created_at'])
    })

    this.schema.createTable('audit_logs', (table) => {
      table.bigIncrements('id')
      table.integer('actor_id').unsigned().nullable()
      table.integer('workspace_id').unsigned().nullable()
      table.string('action', 64).notNullable()
      table.string('subject_type', 64).nullable()
      table.string('subject_id', 64).nullable()
      table.text('meta').nullable()
      table.string('ip', 64).nullable()
      table.timestamp('created_at').notNullable()
      table.index(['created_at'])
      table.index(['workspace_id', 'created_at'])
      table.index(['actor_id', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable('audit_logs')
    this.schema.dropTable('access_logs')
  }
}

import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type NotificationKind =
  | 'delivery_failed'
  | 'delivery_unknown'
  | 'account_needs_reconnection'
  | 'client_approved'
  | 'client_changes_requested'
  | 'client_commented'
  | 'mentioned'

/** An in-app notice for one user. `eventKey` makes it one per event, never one per retry. */
export default class Notification extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column()
  declare workspaceId: number | null

  @column()
  declare kind: NotificationKind

  /** Ids and short texts the UI needs to render the notice; never secrets. */
  @column({
    prepare: (value: Record<string, unknown> | null) => (value ? JSON.stringify(value) : null),
    consume: (value: string | null) => (value ? JSON.parse(value) : null),
  })
  declare data: Record<string, unknown> | null

  @column()
  declare eventKey: string

  @column.dateTime()
  declare readAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}

import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Webhook from '#models/webhook'

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed'

/** One event sent (or being sent) to one webhook, with what the receiver answered. */
export default class WebhookDelivery extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare webhookId: number

  @column()
  declare workspaceId: number

  @column()
  declare event: string

  @column({
    prepare: (value: Record<string, unknown>) => JSON.stringify(value),
    consume: (value: string) => JSON.parse(value),
  })
  declare payload: Record<string, unknown>

  @column()
  declare status: WebhookDeliveryStatus

  @column()
  declare attempts: number

  @column()
  declare responseStatus: number | null

  @column()
  declare lastError: string | null

  @column.dateTime()
  declare nextAttemptAt: DateTime | null

  @column.dateTime()
  declare deliveredAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @belongsTo(() => Webhook)
  declare webhook: BelongsTo<typeof Webhook>
}

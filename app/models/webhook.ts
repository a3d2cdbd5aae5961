import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import WebhookDelivery from '#models/webhook_delivery'

export const WEBHOOK_EVENTS = [
  'delivery.published',
  'delivery.failed',
  'delivery.unknown',
  'account.needs_reconnection',
  'post.client_approved',
  'post.client_changes_requested',
  'post.commented',
] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

/** A URL a workspace subscribed to some events. Its signing secret is sealed (token vault). */
export default class Webhook extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare workspaceId: number

  @column()
  declare url: string

  @column({
    prepare: (value: WebhookEvent[]) => JSON.stringify(value ?? []),
    consume: (value: string | null) => (value ? JSON.parse(value) : []),
  })
  declare events: WebhookEvent[]

  /** Never serialized: only app/services/webhooks/secrets.ts opens it. */
  @column({ serializeAs: null })
  declare secretCiphertext: string

  @column({ consume: (value: unknown) => Boolean(value) })
  declare active: boolean

  @column()
  declare createdById: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @hasMany(() => WebhookDelivery)
  declare deliveries: HasMany<typeof WebhookDelivery>
}

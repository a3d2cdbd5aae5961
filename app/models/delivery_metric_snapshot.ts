import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { MetricName } from '#sdk'
import Delivery from '#models/delivery'

/** A delivery's figures as the network gave them at one instant; null = the network does not expose it. */
export default class DeliveryMetricSnapshot extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare deliveryId: number

  @column()
  declare workspaceId: number

  @column()
  declare socialAccountId: number | null

  @column()
  declare network: string

  @column.dateTime()
  declare collectedAt: DateTime

  @column()
  declare views: number | null

  @column()
  declare likes: number | null

  @column()
  declare comments: number | null

  @column()
  declare shares: number | null

  @column()
  declare reach: number | null

  @column()
  declare saves: number | null

  @column()
  declare quotes: number | null

  @column()
  declare clicks: number | null

  @belongsTo(() => Delivery)
  declare delivery: BelongsTo<typeof Delivery>
}

/** Column order of every metrics table, view and export. */
export const POST_METRIC_NAMES: MetricName[] = [
  'views',
  'reach',
  'likes',
  'comments',
  'shares',
  'quotes',
  'saves',
  'clicks',
]

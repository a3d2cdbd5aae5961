import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import MediaAsset, { type MediaStatus } from '#models/media_asset'

/** A network's copy of an asset, made once on demand from the network plugin's capabilities. */
export default class MediaVariant extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare mediaAssetId: number

  @column()
  declare network: string

  /** Null until made; may be the asset's own key when the original already fits. */
  @column()
  declare key: string | null

  @column()
  declare mimeType: string | null

  @column({ consume: (value: string | number | null) => (value === null ? null : Number(value)) })
  declare bytes: number | null

  @column()
  declare width: number | null

  @column()
  declare height: number | null

  @column()
  declare durationSeconds: number | null

  @column()
  declare status: MediaStatus

  @column()
  declare failureReason: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @belongsTo(() => MediaAsset)
  declare asset: BelongsTo<typeof MediaAsset>
}

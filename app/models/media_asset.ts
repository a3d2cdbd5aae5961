import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import Workspace from '#models/workspace'
import MediaVariant from '#models/media_variant'

export type MediaKind = 'image' | 'video'
export type MediaStatus = 'processing' | 'ready' | 'failed'

/** One file of a workspace's media library. The bytes live on the Drive disk under `storageKey`. */
export default class MediaAsset extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare workspaceId: number

  @column()
  declare uploadedById: number | null

  @column()
  declare kind: MediaKind

  /** The name the file had on the user's machine or in its URL: display only. */
  @column()
  declare originalName: string

  @column()
  declare mimeType: string

  @column({ consume: (value: string | number) => Number(value) })
  declare bytes: number

  @column()
  declare width: number | null

  @column()
  declare height: number | null

  @column()
  declare durationSeconds: number | null

  @column()
  declare altText: string | null

  @column()
  declare status: MediaStatus

  @column()
  declare failureReason: string | null

  @column()
  declare storageKey: string

  @column()
  declare thumbnailKey: string | null

  @column({ columnName: 'sha256' })
  declare sha256: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @belongsTo(() => Workspace)
  declare workspace: BelongsTo<typeof Workspace>

  @hasMany(() => MediaVariant)
  declare variants: HasMany<typeof MediaVariant>
}

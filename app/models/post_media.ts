import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Post from '#models/post'

/** A library asset attached to a post, in order. `mediaAssetId` points at media_assets (no FK yet). */
export default class PostMedia extends BaseModel {
  static table = 'post_media'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare postId: number

  @column()
  declare mediaAssetId: number

  @column()
  declare position: number

  /** Overrides the asset's alt text for this post; null keeps the asset's. */
  @column()
  declare altText: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @belongsTo(() => Post)
  declare post: BelongsTo<typeof Post>
}

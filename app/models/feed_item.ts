import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** An item a feed already offered: never turned into a post twice. */
export default class FeedItem extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare feedId: number

  @column()
  declare workspaceId: number

  @column()
  declare itemKey: string

  @column()
  declare title: string | null

  @column()
  declare link: string | null

  @column()
  declare postId: number | null

  @column()
  declare skippedReason: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}

import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** One account's part in one evergreen send: the text it got, or why it was left out. */
export default class EvergreenSend extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare itemId: number

  @column()
  declare workspaceId: number

  @column()
  declare socialAccountId: number

  @column()
  declare network: string

  @column()
  declare textHash: string

  @column()
  declare postId: number | null

  @column.dateTime()
  declare slotAt: DateTime

  @column()
  declare skippedReason: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}

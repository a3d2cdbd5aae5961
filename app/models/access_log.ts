import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export default class AccessLog extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column()
  declare workspaceId: number | null

  @column()
  declare ip: string | null

  @column()
  declare userAgent: string | null

  @column()
  declare method: string

  @column()
  declare route: string | null

  @column()
  declare path: string

  @column()
  declare status: number

  @column()
  declare durationMs: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}

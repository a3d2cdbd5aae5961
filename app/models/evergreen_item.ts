import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

const json = {
  prepare: (value: unknown[]) => JSON.stringify(value ?? []),
  consume: (value: string | null) => (value ? JSON.parse(value) : []),
}

/** A post the workspace re-publishes in rotation (migration 0092). */
export default class EvergreenItem extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare workspaceId: number

  @column()
  declare createdById: number | null

  /** The texts it rotates through; the first is the main one. */
  @column(json)
  declare variants: string[]

  @column(json)
  declare targetAccountIds: number[]

  @column()
  declare minGapDays: number

  @column.dateTime()
  declare lastSentAt: DateTime | null

  @column({ consume: (value: unknown) => Boolean(value) })
  declare active: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null
}

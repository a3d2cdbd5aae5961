import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export interface SeriesTarget {
  socialAccountId: number
  text?: string | null
  options?: Record<string, unknown>
}
export interface SeriesMedia {
  mediaAssetId: number
  altText?: string | null
}

const json = {
  prepare: (value: unknown[]) => JSON.stringify(value ?? []),
  consume: (value: string | null) => (value ? JSON.parse(value) : []),
}

/** A repeating post: its content and its rule (see migration 0091). */
export default class PostSeries extends BaseModel {
  static table = 'post_series'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare workspaceId: number

  @column()
  declare createdById: number | null

  @column()
  declare rule: string

  @column()
  declare startsAtLocal: string

  @column()
  declare body: string

  @column(json)
  declare targets: SeriesTarget[]

  @column(json)
  declare media: SeriesMedia[]

  @column.dateTime()
  declare materializedUntil: DateTime | null

  @column({ consume: (value: unknown) => Boolean(value) })
  declare active: boolean

  @column()
  declare lastError: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null
}

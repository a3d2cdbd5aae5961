import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export const FEED_MODES = ['draft', 'queue', 'approval'] as const
export type FeedMode = (typeof FEED_MODES)[number]

const json = {
  prepare: (value: unknown[]) => JSON.stringify(value ?? []),
  consume: (value: string | null) => (value ? JSON.parse(value) : []),
}

/** A feed a workspace follows: where it is, what its items become, and how its last fetch went. */
export default class Feed extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare workspaceId: number

  @column()
  declare url: string

  @column()
  declare title: string | null

  @column()
  declare mode: FeedMode

  /** `{title}`, `{link}`, `{summary}` are replaced by the item's. */
  @column()
  declare template: string

  @column(json)
  declare targetAccountIds: number[]

  @column(json)
  declare includeWords: string[]

  @column(json)
  declare excludeWords: string[]

  @column()
  declare maxItemsPerFetch: number

  @column({ consume: (value: unknown) => Boolean(value) })
  declare importExisting: boolean

  @column({ consume: (value: unknown) => Boolean(value) })
  declare active: boolean

  @column()
  declare createdById: number | null

  @column({ serializeAs: null })
  declare etag: string | null

  @column({ serializeAs: null })
  declare lastModified: string | null

  @column.dateTime()
  declare lastFetchedAt: DateTime | null

  @column.dateTime()
  declare nextFetchAt: DateTime | null

  @column()
  declare lastErrorCode: string | null

  @column()
  declare lastError: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null
}

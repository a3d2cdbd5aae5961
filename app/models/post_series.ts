import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** What an occurrence missed while no worker ran becomes (migration 0160). */
export const MISSED_POLICIES = ['post_late', 'skip'] as const
export type MissedPolicy = (typeof MISSED_POLICIES)[number]

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

  @column()
  declare missedPolicy: MissedPolicy

  /** With `post_late`: how late an occurrence may still go out. */
  @column()
  declare lateGraceMinutes: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null
}

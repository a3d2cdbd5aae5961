import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** One occurrence of a series, made once, with the post it became. */
export default class SeriesOccurrence extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare seriesId: number

  @column()
  declare workspaceId: number

  @column()
  declare occursAtLocal: string

  @column.dateTime()
  declare occursAt: DateTime

  @column()
  declare postId: number | null

  @column({ consume: (value: unknown) => Boolean(value) })
  declare detached: boolean

  @column()
  declare problem: string | null

  /** Skipped: its time passed while no worker ran, beyond what the series allows. */
  @column.dateTime()
  declare missedAt: DateTime | null

  /** Published this many seconds after its time (a worker was down). */
  @column()
  declare lateSeconds: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}

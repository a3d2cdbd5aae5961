import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** One weekly queue slot of a workspace: an ISO weekday and a wall-clock time in the workspace's zone. */
export default class PostingSlot extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare workspaceId: number

  /** 1 = Monday … 7 = Sunday. */
  @column()
  declare weekday: number

  /** `HH:mm`, in the workspace's time zone. */
  @column()
  declare time: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null
}

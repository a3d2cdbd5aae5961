import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import SocialAccount from '#models/social_account'

/** An account's audience figures at one instant (read at most daily); null = not given by the network. */
export default class AccountMetricSnapshot extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare socialAccountId: number

  @column()
  declare workspaceId: number

  @column.dateTime()
  declare collectedAt: DateTime

  @column()
  declare followers: number | null

  @column()
  declare following: number | null

  @column()
  declare posts: number | null

  @belongsTo(() => SocialAccount)
  declare socialAccount: BelongsTo<typeof SocialAccount>
}

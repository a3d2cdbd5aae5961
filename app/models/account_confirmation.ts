import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type ConfirmationPurpose = 'signup' | 'email_change'

/** A mailed link that confirms an address (see the account_confirmations migration). */
export default class AccountConfirmation extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare purpose: ConfirmationPurpose

  @column({ serializeAs: null })
  declare tokenHash: string

  @column()
  declare email: string

  @column()
  declare userId: number | null

  @column()
  declare fullName: string | null

  @column({ serializeAs: null })
  declare passwordHash: string | null

  @column()
  declare locale: string | null

  @column()
  declare timezone: string | null

  @column()
  declare nextPath: string | null

  @column.dateTime()
  declare expiresAt: DateTime

  @column.dateTime()
  declare usedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}

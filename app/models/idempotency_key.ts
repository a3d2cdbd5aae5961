import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** The remembered answer to a create sent with an `Idempotency-Key`, per token. */
export default class IdempotencyKey extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare tokenId: number

  @column()
  declare key: string

  @column()
  declare requestHash: string

  /** Null while the first request with this key is still running. */
  @column()
  declare responseStatus: number | null

  @column({
    prepare: (value: unknown) =>
      value === null || value === undefined ? null : JSON.stringify(value),
    consume: (value: string | null) => (value ? JSON.parse(value) : null),
  })
  declare response: unknown

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}

import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type DataExportStatus = 'pending' | 'ready' | 'failed'

/** A GDPR export of one user's data: a ZIP on the data disk until `expiresAt`, then purged. */
export default class DataExport extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column()
  declare status: DataExportStatus

  /** Relative to the data folder (`exports/<uuid>.zip`); never shown to the browser. */
  @column({ serializeAs: null })
  declare fileKey: string | null

  @column()
  declare sizeBytes: number | null

  @column.dateTime()
  declare expiresAt: DateTime

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime()
  declare completedAt: DateTime | null
}

import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Workspace from '#models/workspace'
import User from '#models/user'

export const API_SCOPES = ['read', 'write'] as const
export type ApiScope = (typeof API_SCOPES)[number]

/**
 * A workspace's API access token. Only the SHA-256 of the secret is stored; the token acts
 * as the member who created it, within its scope (read never writes).
 */
export default class ApiToken extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare workspaceId: number

  @column()
  declare name: string

  /** The first characters of the token, for display only. */
  @column()
  declare prefix: string

  @column({ serializeAs: null })
  declare tokenHash: string

  @column()
  declare scope: ApiScope

  @column()
  declare createdById: number | null

  @column.dateTime()
  declare lastUsedAt: DateTime | null

  @column.dateTime()
  declare expiresAt: DateTime | null

  @column.dateTime()
  declare revokedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @belongsTo(() => Workspace)
  declare workspace: BelongsTo<typeof Workspace>

  @belongsTo(() => User, { foreignKey: 'createdById' })
  declare createdBy: BelongsTo<typeof User>

  /** Usable now: neither revoked nor past its expiry. */
  isActive(now = DateTime.utc()) {
    return !this.revokedAt && (!this.expiresAt || this.expiresAt > now)
  }
}

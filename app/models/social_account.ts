import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { AccountProfile } from '#sdk'
import Workspace from '#models/workspace'

export type SocialAccountStatus = 'connected' | 'needs_reconnection' | 'disconnected'

/** A network account connected to a workspace. Its secrets are only reachable through the token vault. */
export default class SocialAccount extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare workspaceId: number

  @column()
  declare network: string

  @column()
  declare externalId: string

  @column()
  declare handle: string

  @column()
  declare displayName: string

  @column()
  declare avatarUrl: string | null

  @column()
  declare profileUrl: string | null

  @column({
    prepare: (value: Record<string, unknown> | null) => (value ? JSON.stringify(value) : null),
    consume: (value: string | null) => (value ? JSON.parse(value) : null),
  })
  declare meta: Record<string, string | number | boolean | null> | null

  /** AccountProfile.grant: accounts sharing it lose their token together when it is revoked. */
  @column()
  declare grantKey: string | null

  /** Never serialized: only app/services/token_vault.ts reads or writes it. */
  @column({ serializeAs: null })
  declare tokenCiphertext: string | null

  @column.dateTime()
  declare tokenExpiresAt: DateTime | null

  @column()
  declare status: SocialAccountStatus

  @column()
  declare lastError: string | null

  @column()
  declare connectedById: number | null

  @column.dateTime()
  declare connectedAt: DateTime

  @column.dateTime()
  declare disconnectedAt: DateTime | null

  @column.dateTime()
  declare purgeAfter: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @belongsTo(() => Workspace)
  declare workspace: BelongsTo<typeof Workspace>

  /** The public profile a plugin call needs (never the token). */
  toPluginProfile(): AccountProfile {
    return {
      externalId: this.externalId,
      handle: this.handle,
      displayName: this.displayName,
      avatarUrl: this.avatarUrl,
      profileUrl: this.profileUrl,
      meta: this.meta ?? {},
    }
  }
}

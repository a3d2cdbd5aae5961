import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, manyToMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, ManyToMany } from '@adonisjs/lucid/types/relations'
import Workspace from '#models/workspace'
import User from '#models/user'
import Post from '#models/post'

/**
 * A link that shows some posts of a workspace to a client without an account. Only the
 * SHA-256 of its token is stored, and the password (if any) as a hash.
 */
export default class ReviewLink extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare workspaceId: number

  @column()
  declare label: string

  @column({ serializeAs: null })
  declare tokenHash: string

  @column({ serializeAs: null })
  declare passwordHash: string | null

  @column()
  declare locale: string

  @column()
  declare clientEmail: string | null

  /** Accounts whose previews the page shows; null = every target of each post. */
  @column({
    prepare: (value: number[] | null) => (value ? JSON.stringify(value) : null),
    consume: (value: string | null) => (value ? JSON.parse(value) : null),
  })
  declare accountIds: number[] | null

  @column.dateTime()
  declare rangeStart: DateTime | null

  @column.dateTime()
  declare rangeEnd: DateTime | null

  @column()
  declare createdById: number | null

  @column.dateTime()
  declare expiresAt: DateTime

  @column.dateTime()
  declare revokedAt: DateTime | null

  @column.dateTime()
  declare lastOpenedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @belongsTo(() => Workspace)
  declare workspace: BelongsTo<typeof Workspace>

  @belongsTo(() => User, { foreignKey: 'createdById' })
  declare createdBy: BelongsTo<typeof User>

  @manyToMany(() => Post, { pivotTable: 'review_link_posts' })
  declare posts: ManyToMany<typeof Post>

  /** `active`, or why the link no longer opens (both answer 410). */
  state(now = DateTime.utc()): 'active' | 'revoked' | 'expired' {
    if (this.revokedAt) return 'revoked'
    return this.expiresAt <= now ? 'expired' : 'active'
  }
}

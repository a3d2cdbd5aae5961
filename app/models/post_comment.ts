import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#models/user'

export const COMMENT_SOURCES = ['internal', 'client'] as const
export type CommentSource = (typeof COMMENT_SOURCES)[number]
export const COMMENT_KINDS = ['comment', 'approved', 'changes_requested'] as const
export type CommentKind = (typeof COMMENT_KINDS)[number]

/**
 * One message on a post's thread. `internal` comments are for members only and never
 * reach a review page; `client` ones come from a review link, signed with the name typed there.
 */
export default class PostComment extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare workspaceId: number

  @column()
  declare postId: number

  @column()
  declare source: CommentSource

  @column()
  declare authorId: number | null

  @column()
  declare reviewLinkId: number | null

  @column()
  declare clientName: string | null

  @column()
  declare kind: CommentKind

  @column()
  declare body: string

  @column({
    prepare: (value: number[] | null) => (value?.length ? JSON.stringify(value) : null),
    consume: (value: string | null) => (value ? JSON.parse(value) : []),
  })
  declare mentions: number[]

  @column.dateTime()
  declare editedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @belongsTo(() => User, { foreignKey: 'authorId' })
  declare author: BelongsTo<typeof User>
}

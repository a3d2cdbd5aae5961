import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import User from '#models/user'
import Workspace from '#models/workspace'
import Delivery from '#models/delivery'
import PostMedia from '#models/post_media'
import PostPart from '#models/post_part'
import type { ClientStatus, PostStatus } from '#models/statuses'

export {
  CLIENT_STATUSES,
  POST_STATUSES,
  type ClientStatus,
  type PostStatus,
} from '#models/statuses'

/** Statuses in which a post may still be edited, rescheduled or deleted. */
export const EDITABLE_POST_STATUSES: PostStatus[] = [
  'draft',
  'pending_approval',
  'approved',
  'rejected',
  'scheduled',
]

/** What a user writes once; each target account gets a Delivery (its variant and its own state). */
export default class Post extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare workspaceId: number

  @column()
  declare authorId: number | null

  @column()
  declare body: string

  @column()
  declare status: PostStatus

  /** UTC instant. */
  @column.dateTime()
  declare scheduledAt: DateTime | null

  @column()
  declare reviewedById: number | null

  @column.dateTime()
  declare reviewedAt: DateTime | null

  @column()
  declare reviewComment: string | null

  /** The client's latest verdict through a review link (null: none yet, or reset by an edit). */
  @column()
  declare clientStatus: ClientStatus | null

  @column()
  declare clientReviewerName: string | null

  @column.dateTime()
  declare clientReviewedAt: DateTime | null

  /** What the client reviewed; an edit that changes the content resets their verdict. */
  @column({ serializeAs: null })
  declare clientApprovedFingerprint: string | null

  /** When an edit last reset the client's approval (the review page says so). */
  @column.dateTime()
  declare clientResetAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @belongsTo(() => Workspace)
  declare workspace: BelongsTo<typeof Workspace>

  @belongsTo(() => User, { foreignKey: 'authorId' })
  declare author: BelongsTo<typeof User>

  @hasMany(() => Delivery)
  declare deliveries: HasMany<typeof Delivery>

  @hasMany(() => PostMedia)
  declare media: HasMany<typeof PostMedia>

  /** The follow-ups as written: the shared list and the targets' own (thread parts, first comments). */
  @hasMany(() => PostPart)
  declare parts: HasMany<typeof PostPart>
}

import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { PartKind, PostRef } from '#sdk'
import type { ProblemKind } from '#services/publishing/problems'
import { partMediaColumn, type PartMedia } from '#models/post_part'

export const DELIVERY_PART_STATUSES = [
  'pending',
  'publishing',
  'published',
  'failed',
  'unknown',
] as const
export type DeliveryPartStatus = (typeof DELIVERY_PART_STATUSES)[number]

/**
 * One follow-up of one delivery as a step of its publish (app/services/publishing/parts):
 * written when the main post is out, with the text and media it will publish, its own
 * idempotency key, and its network id once published. Parts go out in `position` order, each
 * only after the one before it is published.
 */
export default class DeliveryPart extends BaseModel {
  static table = 'delivery_parts'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare deliveryId: number

  @column()
  declare postId: number

  @column()
  declare kind: PartKind

  /** 1-based publish order on this account; the main post is 0. */
  @column()
  declare position: number

  @column()
  declare text: string

  @column(partMediaColumn)
  declare media: PartMedia[]

  @column()
  declare status: DeliveryPartStatus

  @column()
  declare idempotencyKey: string

  @column()
  declare attempts: number

  @column({ serializeAs: null })
  declare pendingHandle: string | null

  @column()
  declare externalId: string | null

  @column()
  declare externalUrl: string | null

  @column({ serializeAs: null })
  declare replyRef: string | null

  @column()
  declare lastError: string | null

  @column()
  declare lastErrorKind: ProblemKind | null

  @column.dateTime()
  declare publishedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  /** Where the network has it, for the next part's reply. */
  ref(): PostRef | null {
    return this.externalId
      ? { externalId: this.externalId, url: this.externalUrl, replyRef: this.replyRef }
      : null
  }
}

import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { PartKind } from '#sdk'

/** One attachment of a part: a library asset, with the alt text this part gives it. */
export interface PartMedia {
  mediaAssetId: number
  altText: string | null
}

export const partMediaColumn = {
  prepare: (value: PartMedia[] | null) => JSON.stringify(value ?? []),
  consume: (value: string | null): PartMedia[] => (value ? JSON.parse(value) : []),
}

/**
 * A follow-up as the author wrote it: in the post's shared list (`deliveryId` null) or in one
 * target's own list, which replaces the shared one for that target.
 */
export default class PostPart extends BaseModel {
  static table = 'post_parts'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare postId: number

  @column()
  declare deliveryId: number | null

  @column()
  declare kind: PartKind

  /** 1-based within its list and kind. */
  @column()
  declare position: number

  @column()
  declare text: string

  @column(partMediaColumn)
  declare media: PartMedia[]

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null
}

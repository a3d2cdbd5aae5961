import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export const LIBRARY_KINDS = ['template', 'snippet', 'hashtag_group', 'variable'] as const
export type LibraryKind = (typeof LIBRARY_KINDS)[number]

export interface LibraryMedia {
  mediaAssetId: number
  altText: string | null
}

const jsonColumn = <T>(empty: T) => ({
  prepare: (value: T) => JSON.stringify(value ?? empty),
  consume: (value: string | null): T => (value ? JSON.parse(value) : empty),
})

/**
 * One piece of a workspace's content library. `body` is what the kind is about: a
 * template's text, a snippet's text, a group's hashtags or a variable's value.
 */
export default class LibraryItem extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare workspaceId: number

  @column()
  declare kind: LibraryKind

  @column()
  declare name: string

  @column()
  declare body: string

  /** Templates: the text per network id, over the body. */
  @column(jsonColumn<Record<string, string>>({}))
  declare networkVariants: Record<string, string>

  /** Templates: media attached when the template is used. */
  @column(jsonColumn<LibraryMedia[]>([]))
  declare media: LibraryMedia[]

  /** Snippets: appended automatically to posts for these networks… */
  @column(jsonColumn<string[]>([]))
  declare autoNetworks: string[]

  /** …and these accounts. */
  @column(jsonColumn<number[]>([]))
  declare autoAccountIds: number[]

  @column()
  declare createdById: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null
}

import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import WorkspaceMember from '#models/workspace_member'
import WorkspaceInvitation from '#models/workspace_invitation'

export default class Workspace extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  /** URL key of the workspace (`/w/<slug>/…`); unique, never reused for another workspace. */
  @column()
  declare slug: string

  @column()
  declare timezone: string

  /** First day of the week, 0 = Sunday … 6 = Saturday; null = from region and language. */
  @column()
  declare weekStart: number | null

  /** `h12` or `h23`; null = from region and language. */
  @column()
  declare hourCycle: 'h12' | 'h23' | null

  /** Posts wait for the client's approval (review link) before they may be scheduled. */
  @column({ consume: (value: unknown) => Boolean(value) })
  declare clientApprovalRequired: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @hasMany(() => WorkspaceMember)
  declare members: HasMany<typeof WorkspaceMember>

  @hasMany(() => WorkspaceInvitation)
  declare invitations: HasMany<typeof WorkspaceInvitation>
}

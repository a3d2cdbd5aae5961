import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import WorkspaceMember from '#models/workspace_member'

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['email'],
  passwordColumnName: 'password',
})

export default class User extends compose(BaseModel, AuthFinder) {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare fullName: string

  @column()
  declare email: string

  /** Hashed by the AuthFinder mixin before save; never serialized. */
  @column({ serializeAs: null })
  declare password: string

  @column()
  declare locale: string

  @column()
  declare timezone: string

  @column()
  declare currentWorkspaceId: number | null

  /** Bumped on every password change; sessions signed in under an older value are ended (see session_epoch.ts). */
  @column({ serializeAs: null })
  declare sessionEpoch: number

  /** Runs the install (the System area); unrelated to workspace roles. See #services/instance_admins. */
  @column({ consume: (value: unknown) => Boolean(value) })
  declare isInstanceAdmin: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @hasMany(() => WorkspaceMember)
  declare memberships: HasMany<typeof WorkspaceMember>

  get initials() {
    const words = this.fullName.trim().split(/\s+/).filter(Boolean)
    const letters =
      words.length > 1
        ? words[0][0] + words[words.length - 1][0]
        : (words[0] ?? this.email).slice(0, 2)
    return letters.toUpperCase()
  }
}

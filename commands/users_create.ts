import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { ROLES } from '#services/roles'

export default class UsersCreate extends BaseCommand {
  static commandName = 'users:create'
  static description = 'Create a user, optionally in a workspace (created when it does not exist)'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'E-mail address (login)', required: true })
  declare email: string

  @flags.string({ description: 'Full name', required: true })
  declare name: string

  @flags.string({ description: 'Password (≥ 10 characters); asked for, hidden, when omitted' })
  declare password?: string

  @flags.string({
    description: 'Name or slug of the workspace to join, or to create (the user becomes its owner)',
  })
  declare workspace?: string

  @flags.string({
    description: `Role in an existing workspace: ${ROLES.join(' | ')} (default editor)`,
  })
  declare role?: string

  @flags.boolean({
    description: 'Make the user an instance admin (the System area); the first account always is',
  })
  declare instanceAdmin?: boolean

  async run() {
    let password = this.password
    if (password === undefined) {
      if (!process.stdin.isTTY && this.prompt.traps.prompts.size === 0) {
        return this.fail('--password is required when not running in a terminal')
      }
      password = await this.prompt.secure('Password (at least 10 characters)')
    }

    const { createUser } = await import('#actions/users/create_user')
    const result = await createUser({
      email: this.email,
      fullName: this.name,
      password,
      workspace: this.workspace,
      role: this.role,
      instanceAdmin: this.instanceAdmin === true,
    })
    if (!result.ok) return this.fail(result.errors.join('\n'))

    this.logger.success(`Created user ${result.user.email} (#${result.user.id})`)
    if (result.user.isInstanceAdmin) this.logger.info('instance admin: can open /system')
    if (result.workspace) {
      const verb = result.workspaceCreated ? 'created workspace' : 'added to workspace'
      this.logger.info(
        `${verb} "${result.workspace.name}" (${result.workspace.slug}) as ${result.role}`
      )
      if (result.workspaceCreated && this.role && this.role !== 'owner') {
        this.logger.warning(
          `--role=${this.role} ignored: the creator of a new workspace is its owner`
        )
      }
    }
  }

  private fail(message: string) {
    this.logger.error(message)
    this.exitCode = 1
  }
}

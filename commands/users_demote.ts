import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** `users:demote --email=…`: withdraws the instance-admin flag (never from the last admin). */
export default class UsersDemote extends BaseCommand {
  static commandName = 'users:demote'
  static description = 'Withdraw the instance-admin role from a user (refused for the last one)'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'E-mail of the user', required: true })
  declare email: string

  async run() {
    const { setInstanceAdmin, describeAdminChange } = await import('#services/instance_admins')
    const change = await setInstanceAdmin(this.email, false)
    const { ok, message } = describeAdminChange(change, this.email)
    if (ok) this.logger.success(message)
    else {
      this.logger.error(message)
      this.exitCode = 1
    }
  }
}

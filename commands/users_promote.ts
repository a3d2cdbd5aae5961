import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** `users:promote --email=…`: makes an existing user an instance admin (the System area). */
export default class UsersPromote extends BaseCommand {
  static commandName = 'users:promote'
  static description = 'Make a user an instance admin (opens the System area to them)'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'E-mail of the user', required: true })
  declare email: string

  async run() {
    const { setInstanceAdmin, describeAdminChange } = await import('#services/instance_admins')
    const change = await setInstanceAdmin(this.email, true)
    const { ok, message } = describeAdminChange(change, this.email)
    if (ok) this.logger.success(message)
    else {
      this.logger.error(message)
      this.exitCode = 1
    }
  }
}

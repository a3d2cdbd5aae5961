import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class UsersDelete extends BaseCommand {
  static commandName = 'users:delete'
  static description = 'Delete a user account as the self-service deletion does'
  static help = [
    'Workspaces where the user is the only member are deleted with them, their accounts’ tokens revoked at the network first. The user leaves shared workspaces. The only owner of a workspace that has other members must hand ownership over (or delete it) first: the command refuses. Access-log entries and exports go with the next purge; audit entries lose the actor. Asks for confirmation unless --force; --dry-run shows the plan and changes nothing.',
  ]
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'E-mail of the user', required: true })
  declare user: string

  @flags.boolean({ description: 'Do not ask for confirmation' })
  declare force?: boolean

  @flags.boolean({ description: 'Show what would happen and change nothing' })
  declare dryRun?: boolean

  async run() {
    const { default: User } = await import('#models/user')
    const { deleteAccount, deletionPlan } = await import('#actions/privacy/delete_account')

    const user = await User.findBy('email', this.user.trim().toLowerCase())
    if (!user) return this.fail(`No user with e-mail ${this.user}`)

    const plan = await deletionPlan(user)
    const table = this.ui.table().head(['workspace', 'slug', 'effect'])
    for (const ref of plan.deleted)
      table.row([ref.name, ref.slug, 'deleted with the user (tokens revoked)'])
    for (const ref of plan.left) table.row([ref.name, ref.slug, 'membership removed'])
    for (const ref of plan.blocking)
      table.row([ref.name, ref.slug, 'BLOCKS: only owner, other members remain'])
    table.render()

    if (plan.blocking.length) {
      return this.fail(
        `${user.email} is the only owner of ${plan.blocking.map((ref) => ref.slug).join(', ')}: hand ownership over or delete the workspace first`
      )
    }
    if (this.dryRun) {
      this.logger.info(`Dry run: ${user.email} would be deleted; nothing changed`)
      return
    }
    if (!this.force) {
      if (!process.stdin.isTTY && this.prompt.traps.prompts.size === 0)
        return this.fail('--force is required when not running in a terminal')
      if (!(await this.prompt.confirm(`Delete ${user.email} for good?`)))
        return this.fail('Cancelled')
    }

    const result = await deleteAccount(user, { via: 'cli' })
    if (!result.ok) return this.fail('Deletion refused')
    for (const entry of result.revocations)
      this.logger.info(`account #${entry.accountId} (${entry.network}): token ${entry.outcome}`)
    this.logger.success(`Deleted user #${user.id}; the rest of their data goes with the next purge`)
  }

  private fail(message: string) {
    this.logger.error(message)
    this.exitCode = 1
  }
}

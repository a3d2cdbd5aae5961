import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class TokensRevoke extends BaseCommand {
  static commandName = 'tokens:revoke'
  static description =
    'Revoke connected accounts’ tokens at the network, delete them locally and mark the accounts as needing reconnection'
  static help = [
    'Choose the accounts with exactly one of --user, --workspace, --account, --network or --all. Each token is revoked at its network where the plugin can, then deleted here whatever the network answered (a network that is down does not keep a token alive locally). The accounts stay in their workspace as "needs reconnection". Exits with 1 when a network could not confirm.',
    '',
    '  node ace tokens:revoke --user=ada@example.com --dry-run',
    '  node ace tokens:revoke --network=x',
  ]
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Accounts connected by this user (e-mail)' })
  declare user?: string

  @flags.string({ description: 'Accounts of this workspace (slug)' })
  declare workspace?: string

  @flags.number({ description: 'One account (id)' })
  declare account?: number

  @flags.string({ description: 'Accounts of this network (plugin id: mastodon, bluesky, x…)' })
  declare network?: string

  @flags.boolean({ description: 'Every connected account of the install' })
  declare all?: boolean

  @flags.boolean({ description: 'List the accounts that would be affected and change nothing' })
  declare dryRun?: boolean

  async run() {
    const { accountsFor, revokeTokens, tally } = await import('#services/privacy/token_revocation')
    const { audit } = await import('#services/audit')

    const chosen = [
      this.user !== undefined && { user: this.user },
      this.workspace !== undefined && { workspace: this.workspace },
      this.account !== undefined && { account: this.account },
      this.network !== undefined && { network: this.network },
      this.all && { all: true as const },
    ].filter(Boolean)
    if (chosen.length !== 1)
      return this.fail('Give exactly one of --user, --workspace, --account, --network or --all')
    if (this.account !== undefined && !Number.isInteger(this.account))
      return this.fail('--account must be an account id')

    const target = chosen[0] as Parameters<typeof accountsFor>[0]
    const resolved = await accountsFor(target)
    if (!resolved.ok) return this.fail(resolved.error)
    if (!resolved.accounts.length) {
      this.logger.info('No connected account matches: nothing to revoke')
      return
    }

    const lines = await revokeTokens(resolved.accounts, {
      dryRun: this.dryRun,
      reason: 'Token revoked by an administrator: reconnect the account',
    })
    const table = this.ui
      .table()
      .head(['account', 'workspace', 'network', 'handle', 'at the network', 'local token'])
    for (const line of lines) {
      const local = this.dryRun ? 'kept (dry run)' : 'deleted'
      table.row([
        `#${line.accountId}`,
        String(line.workspaceId),
        line.network,
        line.handle,
        line.outcome + (line.detail ? `: ${line.detail}` : ''),
        local,
      ])
    }
    table.render()

    const counts = tally(lines)
    await audit({
      action: 'tokens.revoked',
      subjectType: 'social_account',
      meta: {
        via: 'cli',
        target,
        dryRun: !!this.dryRun,
        counts,
        accounts: lines.map((line) => line.accountId),
      },
    })
    if (this.dryRun) {
      this.logger.info(
        `Dry run: ${lines.length} account(s) would have their token revoked; nothing changed`
      )
      return
    }
    this.logger.success(
      `${lines.length} account(s) now need reconnection: ${counts.revoked} revoked at the network, ${counts.not_supported} not revocable there, ${counts.no_token} without a token, ${counts.shared_grant_kept} kept at the network for other accounts of the same login, ${counts.failed} failed`
    )
    if (counts.failed) {
      this.logger.warning(
        'Some networks did not confirm the revocation: the tokens are deleted here, but revoke them in the network’s settings too'
      )
      this.exitCode = 1
    }
  }

  private fail(message: string) {
    this.logger.error(message)
    this.exitCode = 1
  }
}

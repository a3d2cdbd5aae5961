import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class TokensRotateKey extends BaseCommand {
  static commandName = 'tokens:rotate-key'
  static description =
    'Re-encrypt every stored secret (tokens, instance app secrets) under the current APP_KEY'
  static help = [
    'Put the new key in APP_KEY and the previous one(s) in APP_OLD_KEYS (comma separated), restart, then run this command. Secrets are re-encrypted in batches; a value already under the current key is skipped, so the command can be interrupted and run again. When it reports 0 left to rotate and 0 undecryptable, the old keys can be removed from APP_OLD_KEYS.',
  ]
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Rows read per batch (default 200)' })
  declare batchSize?: number

  @flags.boolean({ description: 'Count what would be re-encrypted and change nothing' })
  declare dryRun?: boolean

  async run() {
    const { keyringFromConfig, rotateSecrets } = await import('#services/privacy/key_rotation')
    const { audit } = await import('#services/audit')
    const reports = await rotateSecrets(await keyringFromConfig(), {
      batchSize: this.batchSize,
      dryRun: this.dryRun,
    })

    const table = this.ui
      .table()
      .head([
        'table',
        'column',
        'scanned',
        this.dryRun ? 'to rotate' : 'rotated',
        'already current',
        'undecryptable',
      ])
    for (const report of reports) {
      table.row([
        report.table,
        report.column,
        String(report.scanned),
        String(report.rotated),
        String(report.alreadyCurrent),
        String(report.undecryptable),
      ])
    }
    table.render()

    const rotated = reports.reduce((sum, report) => sum + report.rotated, 0)
    const undecryptable = reports.reduce((sum, report) => sum + report.undecryptable, 0)
    await audit({
      action: 'tokens.key_rotated',
      meta: { via: 'cli', dryRun: !!this.dryRun, reports },
    })
    if (this.dryRun)
      this.logger.info(`Dry run: ${rotated} secret(s) would be re-encrypted; nothing changed`)
    else this.logger.success(`${rotated} secret(s) re-encrypted under the current key`)
    if (undecryptable) {
      this.logger.error(
        `${undecryptable} secret(s) open with none of the configured keys: is a previous key missing from APP_OLD_KEYS?`
      )
      this.exitCode = 1
    }
  }
}

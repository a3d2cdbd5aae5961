import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class DataPurge extends BaseCommand {
  static commandName = 'data:purge'
  static description = 'Run the privacy purges now (the same code as the daily purge job)'
  static help = [
    'Deleted users’ leftovers, disconnected accounts past 30 days (cached profile and metrics), expired exports, unconfirmed sign-ups (PENDING_SIGNUP_RETENTION_DAYS), access and audit log entries past their retention (ACCESS_LOG_RETENTION_DAYS, AUDIT_LOG_RETENTION_DAYS). With --dry-run it only counts.',
  ]
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Count what would be removed and change nothing' })
  declare dryRun?: boolean

  async run() {
    const { runPurges } = await import('#services/retention')
    const { retentionPolicy } = await import('#jobs/purge_expired_logs_job')
    const { audit } = await import('#services/audit')

    let report
    try {
      report = await runPurges(retentionPolicy(), { dryRun: this.dryRun })
    } catch (error) {
      this.logger.error(`Purge failed: ${error instanceof Error ? error.message : String(error)}`)
      this.exitCode = 1
      return
    }
    const rows: [string, number][] = [
      ['deleted users', report.deletedUsers],
      ['deleted users: access-log entries', report.deletedUserAccessLogs],
      ['deleted users: audit entries anonymised', report.deletedUserAuditEntries],
      ['deleted users: exports', report.deletedUserExports],
      ['disconnected accounts: cached profile', report.disconnectedAccounts],
      ['disconnected accounts: metrics', report.accountMetrics],
      ['expired exports', report.expiredExports],
      ['unconfirmed sign-ups', report.pendingSignups],
      ['access-log entries past retention', report.accessLogs],
      ['audit entries past retention', report.auditLogs],
    ]
    const table = this.ui.table().head(['purge', this.dryRun ? 'would remove' : 'removed'])
    for (const [label, count] of rows) table.row([label, String(count)])
    table.render()
    await audit({ action: 'privacy.purged', meta: { via: 'cli', ...report } })
    this.logger.success(this.dryRun ? 'Dry run: nothing was removed' : 'Purges done')
  }
}

import { resolve } from 'node:path'
import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class BackupRestore extends BaseCommand {
  static commandName = 'backup:restore'
  static description =
    'Restore an archive made by backup:create (database, media, APP_KEY); stop web and worker first'
  static help = [
    'The whole archive is checked before anything changes; a damaged or unsuitable archive changes nothing.',
    'An install that already has data is replaced only with --force.',
  ]
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Archive written by backup:create' })
  declare archive: string

  @flags.boolean({ description: 'Replace the data this install already has' })
  declare force?: boolean

  async run() {
    const { restoreBackup, RestoreRefused } = await import('#services/backup/restore_backup')
    try {
      const { manifest, keyPlan } = await restoreBackup(resolve(this.archive), {
        force: this.force,
      })
      this.logger.success(`restored the backup of ${manifest.createdAt}`)
      if (keyPlan.action === 'write-file') this.logger.info(`APP_KEY restored into ${keyPlan.file}`)
      this.logger.info('start (or restart) the web server and the worker now')
    } catch (error) {
      const refused = error instanceof RestoreRefused
      this.logger.error(
        `${refused ? 'restore refused, nothing was changed' : 'restore failed'}: ${(error as Error).message}`
      )
      this.exitCode = 1
    }
  }
}

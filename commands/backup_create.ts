import { resolve } from 'node:path'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class BackupCreate extends BaseCommand {
  static commandName = 'backup:create'
  static description =
    'Write one archive with the database, the local media files and the APP_KEY (the app may keep running)'
  static help = [
    'The archive holds the key that decrypts stored network tokens: keep it as safe as that key.',
    'Default path: DATA_DIR/backups/pistache-<time>.zip. Restore with `node ace backup:restore <file>`.',
  ]
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Archive to write (default: DATA_DIR/backups/pistache-<time>.zip)' })
  declare output?: string

  async run() {
    const { createBackup, defaultBackupPath } = await import('#services/backup/create_backup')
    const target = this.output ? resolve(this.output) : defaultBackupPath()
    try {
      const manifest = await createBackup(target)
      const tables = manifest.database.tables
      const rows = tables ? `, ${Object.values(tables).reduce((a, b) => a + b, 0)} rows` : ''
      const media =
        manifest.media.disk === 'local'
          ? `${manifest.media.files} media files`
          : 'media on S3 not included (back up the bucket)'
      this.logger.success(`backup written to ${target}`)
      this.logger.info(
        `${manifest.database.dialect} database (${manifest.database.migrations.length} migrations${rows}), ${media}, APP_KEY`
      )
    } catch (error) {
      this.logger.error(`backup failed: ${(error as Error).message}`)
      this.exitCode = 1
    }
  }
}

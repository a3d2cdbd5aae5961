import { resolve } from 'node:path'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class DataExport extends BaseCommand {
  static commandName = 'data:export'
  static description = 'Write a user’s GDPR export (ZIP of JSON + CSV with a manifest) to a file'
  static help = [
    'The ZIP holds the profile, memberships and roles, connected accounts (metadata, never tokens), posts, deliveries, media and metrics where those exist, notifications, access-log and audit entries, and manifest.json saying for each file what it holds, why, who receives it and how long it is kept. Rows are streamed page by page.',
    '',
    '  node ace data:export --user=ada@example.com --out=ada.zip',
  ]
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'E-mail of the user', required: true })
  declare user: string

  @flags.string({
    description: 'Path of the ZIP to write (default: export-<id>-<date>.zip in the current folder)',
  })
  declare out?: string

  async run() {
    const { default: User } = await import('#models/user')
    const { writeExport } = await import('#services/privacy/export_writer')
    const { audit } = await import('#services/audit')

    const user = await User.findBy('email', this.user.trim().toLowerCase())
    if (!user) {
      this.logger.error(`No user with e-mail ${this.user}`)
      this.exitCode = 1
      return
    }
    const out = resolve(
      this.out ?? `export-${user.id}-${new Date().toISOString().slice(0, 10)}.zip`
    )
    let manifest
    try {
      manifest = await writeExport(user, out)
    } catch (error) {
      this.logger.error(`Export failed: ${error instanceof Error ? error.message : String(error)}`)
      this.exitCode = 1
      return
    }

    const table = this.ui.table().head(['file', 'records'])
    for (const file of manifest.files.filter((entry) => entry.format === 'json'))
      table.row([file.dataset, String(file.records)])
    table.render()
    await audit({
      action: 'privacy.exported',
      subjectType: 'user',
      subjectId: user.id,
      meta: { via: 'cli', files: manifest.files.length },
    })
    this.logger.success(`Export of ${user.email} written to ${out}`)
  }
}

import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import type { PluginsConfig } from '#config/plugins'

export default class PluginsList extends BaseCommand {
  static commandName = 'plugins:list'
  static description = 'List the network plugins installed under plugins/'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Print JSON instead of a table' })
  declare json?: boolean

  async run() {
    const { describePlugins } = await import('../app/plugins_registry/discover_plugins.js')
    const config = this.app.config.get<PluginsConfig>('plugins')
    const plugins = await describePlugins(config.root, config.disabled)

    if (this.json) {
      this.logger.log(JSON.stringify(plugins, null, 2))
      return
    }
    if (!plugins.length) {
      this.logger.info('no network plugins installed')
      return
    }
    const table = this.ui
      .table()
      .head(['id', 'name', 'enabled', 'auth', 'text limit', 'environment (* required, ✓ set)'])
    for (const plugin of plugins) {
      const limit = plugin.capabilities.text.limit
      table.row([
        plugin.id,
        plugin.displayName,
        plugin.enabled ? 'yes' : 'no',
        plugin.authKind,
        String(limit),
        plugin.config
          .map((v) => `${v.env}${v.required ? '*' : ''}${v.set ? ' ✓' : ''}`)
          .join(', ') || '—',
      ])
    }
    table.render()
    for (const plugin of plugins)
      for (const problem of plugin.problems) this.logger.error(`${plugin.id}: ${problem}`)
    if (plugins.some((plugin) => plugin.problems.length)) this.exitCode = 1
  }
}

import type { ApplicationService } from '@adonisjs/core/types'
import type { PluginRegistry } from '#plugins_registry/plugin_registry'
import type { PluginsConfig } from '#config/plugins'

declare module '@adonisjs/core/types' {
  interface ContainerBindings {
    plugins: PluginRegistry
  }
}

/**
 * Binds the plugin registry; plugins are discovered on first use, except by the web server,
 * which checks every enabled plugin's own environment variables before it serves anything (a
 * mistyped URL should stop the start, as start/env.ts does for the app's own variables).
 */
export default class PluginsProvider {
  constructor(protected app: ApplicationService) {}

  async ready() {
    if (this.app.getEnvironment() !== 'web') return
    const registry = await this.app.container.make('plugins')
    const problems = await registry.configProblems()
    if (problems.length)
      throw new Error(`Invalid plugin environment variables:\n  ${problems.join('\n  ')}`)
  }

  register() {
    this.app.container.singleton('plugins', async () => {
      const { PluginRegistry } = await import('#plugins_registry/plugin_registry')
      return new PluginRegistry(this.app.config.get<PluginsConfig>('plugins'))
    })
  }
}

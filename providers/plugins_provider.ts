import type { ApplicationService } from '@adonisjs/core/types'
import type { PluginRegistry } from '#plugins_registry/plugin_registry'
import type { PluginsConfig } from '#config/plugins'

declare module '@adonisjs/core/types' {
  interface ContainerBindings {
    plugins: PluginRegistry
  }
}

/** Binds the plugin registry; plugins are discovered on first use, not at boot. */
export default class PluginsProvider {
  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton('plugins', async () => {
      const { PluginRegistry } = await import('#plugins_registry/plugin_registry')
      return new PluginRegistry(this.app.config.get<PluginsConfig>('plugins'))
    })
  }
}

import app from '@adonisjs/core/services/app'
import type { PluginRegistry } from '#plugins_registry/plugin_registry'

let plugins: PluginRegistry

await app.booted(async () => {
  plugins = await app.container.make('plugins')
})

export { plugins as default }

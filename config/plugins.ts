import env from '#start/env'
import app from '@adonisjs/core/services/app'

export interface PluginsConfig {
  /** Folder holding one sub-folder per network plugin (`<root>/<id>/index.ts`). */
  root: string
  /** Plugin ids installed but switched off. */
  disabled: string[]
}

const pluginsConfig: PluginsConfig = {
  root: app.makePath('plugins'),
  disabled: (env.get('PLUGINS_DISABLED') ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean),
}

export default pluginsConfig

import env from '#start/env'
import app from '@adonisjs/core/services/app'
import type { PluginSettings } from '#sdk'

export interface PluginsConfig {
  /** Folder holding one sub-folder per network plugin (`<root>/<id>/index.ts`). */
  root: string
  /** Plugin ids installed but switched off. */
  disabled: string[]
  /** Timeout of one request to a network, in milliseconds. */
  timeoutMs: number
  /**
   * Per-plugin settings on top of each plugin's defaults: the app's client
   * credentials and any base URL to override (a proxy, or a fake in tests).
   */
  settings: Record<string, Partial<PluginSettings>>
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)

/** Only the URLs that are set, so unset ones keep the plugin's defaults. */
const defined = (urls: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(urls).filter(([, value]) => value)) as Record<string, string>

const pluginsConfig: PluginsConfig = {
  root: app.makePath('plugins'),
  disabled: list(env.get('PLUGINS_DISABLED')),
  timeoutMs: env.get('PLUGINS_HTTP_TIMEOUT_MS', 15_000),
  settings: {
    x: {
      clientId: env.get('X_CLIENT_ID'),
      clientSecret: env.get('X_CLIENT_SECRET')?.release(),
      urls: defined({ api: env.get('X_API_URL'), authorize: env.get('X_AUTHORIZE_URL') }),
    },
    bluesky: { urls: defined({ service: env.get('BLUESKY_SERVICE_URL') }) },
  },
}

export default pluginsConfig

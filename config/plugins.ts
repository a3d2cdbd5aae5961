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
  /**
   * What the server's admin must set before users can connect an OAuth network: each
   * required setting and the environment variable that provides it, plus the network's
   * page where the app is registered. Networks not listed need no setup.
   */
  setup: Record<string, NetworkSetup>
}

export interface NetworkSetup {
  required: Partial<Record<'clientId' | 'clientSecret', string>>
  /** The network's developer console, where the admin registers the app and its callback URL. */
  consoleUrl: string
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)

/** Only the URLs that are set, so unset ones keep the plugin's defaults. */
const defined = (urls: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(urls).filter(([, value]) => value)) as Record<string, string>

/** An app's credentials and optional extra settings, leaving out whatever is unset (the plugin's defaults apply). */
function credentials(
  clientId: string | undefined,
  secret: { release(): string } | undefined,
  extra: Record<string, string | undefined> = {}
) {
  const settings: Partial<PluginSettings> = { urls: {} }
  if (clientId) settings.clientId = clientId
  if (secret) settings.clientSecret = secret.release()
  for (const [key, value] of Object.entries(extra)) if (value) settings[key] = value
  return settings
}

/** The app registration every OAuth network needs (X can be a public client: its secret is optional). */
const appSetup = (consoleUrl: string, clientId: string, clientSecret?: string): NetworkSetup => ({
  required: clientSecret ? { clientId, clientSecret } : { clientId },
  consoleUrl,
})

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
    bluesky: {
      urls: defined({ service: env.get('BLUESKY_SERVICE_URL'), web: env.get('BLUESKY_WEB_URL') }),
      appview: env.get('BLUESKY_APPVIEW'),
    },
    facebook: credentials(env.get('META_APP_ID'), env.get('META_APP_SECRET'), {
      apiVersion: env.get('META_GRAPH_VERSION'),
    }),
    instagram: credentials(env.get('META_APP_ID'), env.get('META_APP_SECRET'), {
      apiVersion: env.get('META_GRAPH_VERSION'),
    }),
    threads: credentials(env.get('THREADS_APP_ID'), env.get('THREADS_APP_SECRET')),
    linkedin: credentials(env.get('LINKEDIN_CLIENT_ID'), env.get('LINKEDIN_CLIENT_SECRET'), {
      apiVersion: env.get('LINKEDIN_API_VERSION'),
    }),
    youtube: credentials(env.get('GOOGLE_CLIENT_ID'), env.get('GOOGLE_CLIENT_SECRET')),
    pinterest: credentials(env.get('PINTEREST_CLIENT_ID'), env.get('PINTEREST_CLIENT_SECRET')),
    tiktok: credentials(env.get('TIKTOK_CLIENT_KEY'), env.get('TIKTOK_CLIENT_SECRET')),
    reddit: credentials(env.get('REDDIT_CLIENT_ID'), env.get('REDDIT_CLIENT_SECRET'), {
      userAgent: env.get('REDDIT_USER_AGENT'),
    }),
  },
  setup: {
    x: appSetup('https://developer.x.com/en/portal/dashboard', 'X_CLIENT_ID'),
    facebook: appSetup('https://developers.facebook.com/apps/', 'META_APP_ID', 'META_APP_SECRET'),
    instagram: appSetup('https://developers.facebook.com/apps/', 'META_APP_ID', 'META_APP_SECRET'),
    threads: appSetup(
      'https://developers.facebook.com/apps/',
      'THREADS_APP_ID',
      'THREADS_APP_SECRET'
    ),
    linkedin: appSetup(
      'https://www.linkedin.com/developers/apps',
      'LINKEDIN_CLIENT_ID',
      'LINKEDIN_CLIENT_SECRET'
    ),
    youtube: appSetup(
      'https://console.cloud.google.com/apis/credentials',
      'GOOGLE_CLIENT_ID',
      'GOOGLE_CLIENT_SECRET'
    ),
    pinterest: appSetup(
      'https://developers.pinterest.com/apps/',
      'PINTEREST_CLIENT_ID',
      'PINTEREST_CLIENT_SECRET'
    ),
    tiktok: appSetup(
      'https://developers.tiktok.com/apps/',
      'TIKTOK_CLIENT_KEY',
      'TIKTOK_CLIENT_SECRET'
    ),
    reddit: appSetup(
      'https://www.reddit.com/prefs/apps',
      'REDDIT_CLIENT_ID',
      'REDDIT_CLIENT_SECRET'
    ),
  },
}

export default pluginsConfig

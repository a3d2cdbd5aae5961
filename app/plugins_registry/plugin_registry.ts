import {
  HttpClient,
  readPluginConfig,
  type NetworkPlugin,
  type PluginContext,
  type PluginSettings,
} from '#sdk'
import { discoverPlugins, type PluginEntry } from '#plugins_registry/discover_plugins'
import type { PluginsConfig } from '#config/plugins'
import NotFoundException from '#exceptions/not_found_exception'
import outbound from '#services/outbound'
import { report, telemetryHooks } from '#services/telemetry/hooks'
import { tracedNetworkCall } from '#services/telemetry/network_spans'

/**
 * The app's view of the network plugins: discovered once from plugins/*, imported
 * only when first used, switched off by config, and given their settings (base URLs,
 * client credentials) from config so fakes and proxies can stand in for a network.
 */
export class PluginRegistry {
  #entries?: Promise<Map<string, PluginEntry>>

  constructor(private config: PluginsConfig) {}

  #discover() {
    this.#entries ??= discoverPlugins(this.config.root).then(
      (list) => new Map(list.map((entry) => [entry.id, entry]))
    )
    return this.#entries
  }

  isEnabled(id: string) {
    return !this.config.disabled.includes(id)
  }

  /** Enabled plugins, loaded, in id order. */
  async enabled(): Promise<NetworkPlugin[]> {
    const entries = [...(await this.#discover()).values()].filter((entry) =>
      this.isEnabled(entry.id)
    )
    return Promise.all(entries.map((entry) => entry.load()))
  }

  async has(id: string) {
    return (await this.#discover()).has(id) && this.isEnabled(id)
  }

  /** The plugin, or a 404 when it is not installed or switched off. */
  async get(id: string): Promise<NetworkPlugin> {
    const entry = (await this.#discover()).get(id)
    if (!entry || !this.isEnabled(id)) throw new NotFoundException(`Unknown network "${id}"`)
    return entry.load()
  }

  /** Defaults, then the plugin's own environment variables, then config/plugins.ts. */
  settingsFor(plugin: NetworkPlugin): PluginSettings {
    const configured = this.config.settings[plugin.id] ?? {}
    const fromEnv = readPluginConfig(plugin.config).settings
    return {
      ...plugin.defaults,
      ...fromEnv,
      ...configured,
      urls: { ...plugin.defaults.urls, ...fromEnv.urls, ...configured.urls },
    }
  }

  /**
   * What is wrong with the enabled plugins' own environment variables (a URL that is not one);
   * the web server refuses to start with any (providers/plugins_provider.ts).
   */
  async configProblems(): Promise<string[]> {
    const loaded = await this.enabled()
    return loaded.flatMap((plugin) =>
      readPluginConfig(plugin.config).problems.map((problem) => `${plugin.id}: ${problem}`)
    )
  }

  /**
   * The environment variables still unset that this network needs before anyone can connect it
   * (its app's client id and secret); empty when it is ready. Without them the consent URL would
   * carry an empty client id.
   */
  missingSetup(plugin: NetworkPlugin): string[] {
    const required = this.config.setup[plugin.id]?.required ?? {}
    const settings = this.settingsFor(plugin)
    const declared = (plugin.config ?? [])
      .filter((variable) => variable.required && !settingAt(settings, variable.setting))
      .map((variable) => variable.env)
    return [
      ...Object.entries(required)
        .filter(([key]) => !settings[key])
        .map(([, variable]) => variable),
      ...declared,
    ]
  }

  /** Where the admin registers the app with the network, when the network needs one. */
  setupConsoleUrl(plugin: NetworkPlugin): string | null {
    return this.config.setup[plugin.id]?.consoleUrl ?? plugin.consoleUrl ?? null
  }

  /**
   * What a plugin call needs: its settings and an HTTP client with the configured timeout.
   * The configured base URLs are the only hosts reached directly; any other host (a service
   * or instance a user typed, an endpoint or upload URL a network answered) goes through the
   * outbound address policy.
   */
  contextFor(plugin: NetworkPlugin): PluginContext {
    const settings = this.settingsFor(plugin)
    const configured = Object.values(settings.urls)
    const http = new HttpClient({
      baseUrl: configured[0] ?? 'http://invalid.invalid',
      trustedOrigins: configured,
      timeoutMs: this.config.timeoutMs,
      outbound,
      onAnswer: (status) => report(telemetryHooks.networkAnswer, plugin.id, status),
      around: (call, send) => tracedNetworkCall(plugin.id, call, send),
    })
    return { settings, http }
  }
}

/** A setting by its declared path (`urls.api`, `clientId`). */
function settingAt(settings: PluginSettings, path: string) {
  return path.startsWith('urls.') ? settings.urls[path.slice(5)] : settings[path]
}

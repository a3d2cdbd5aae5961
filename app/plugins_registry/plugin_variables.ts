import type { NetworkPlugin, PluginSettings } from '#sdk'
import type { NetworkSetup } from '#config/plugins'

/** One environment variable a network reads, as the instance settings page shows it. */
export interface PluginVariable {
  env: string
  description: string | null
  required: boolean
  secret: boolean
  set: boolean
  /** The value in effect, for a variable that is not a secret; never a secret's. */
  value: string | null
}

function settingAt(settings: PluginSettings, path: string) {
  const value = path.startsWith('urls.') ? settings.urls[path.slice(5)] : settings[path]
  return value === undefined || value === null || value === '' ? null : String(value)
}

/**
 * The variables of one network: those its plugin declares (`config`), and the client id and
 * secret of the networks still set up in config/plugins.ts. `set` and `value` read the
 * settings in effect, so a value given in config counts too. A secret is only "set".
 */
export function pluginVariables(
  plugin: NetworkPlugin,
  settings: PluginSettings,
  setup: NetworkSetup | undefined
): PluginVariable[] {
  const legacy = Object.entries(setup?.required ?? {}).map(([key, env]) => {
    const secret = key === 'clientSecret'
    const value = settingAt(settings, key)
    return {
      env: env!,
      description: null,
      required: true,
      secret,
      set: !!value,
      value: secret ? null : value,
    }
  })
  const declared = (plugin.config ?? []).map((variable) => {
    const secret = variable.kind === 'secret'
    const value = settingAt(settings, variable.setting)
    return {
      env: variable.env,
      description: variable.description,
      required: variable.required ?? false,
      secret,
      set: !!value,
      value: secret ? null : value,
    }
  })
  return [...legacy, ...declared]
}

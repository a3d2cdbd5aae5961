import type { PluginSettings } from './contract.js'

/**
 * An environment variable a plugin reads (SDK v2), so that adding a network touches only
 * `plugins/<id>/`: the app reads and checks it at boot, `plugins:list` lists it, and the value
 * lands in the plugin's settings (`urls.api`, `clientId`, `clientSecret` or a key of its own).
 * Values set in `config/plugins.ts` win over it (tests point plugins at fakes that way).
 */
export interface PluginConfigVar {
  /** Upper-case, prefixed with the plugin's id: `TELEGRAM_API_URL`. */
  env: string
  /** Where the value goes: `urls.<name>`, or a top-level setting. */
  setting: string
  /** `secret`: never printed (plugins:list shows only whether it is set). */
  kind: 'url' | 'string' | 'secret' | 'number'
  /** Needed before anyone can connect an account (the app's client id of an OAuth network). */
  required?: boolean
  description: string
}

export interface PluginConfigState {
  settings: Partial<PluginSettings> & { urls: Record<string, string> }
  /** Variables set to a value of the wrong kind: the app refuses to start with them. */
  problems: string[]
  /** Required variables not set: the network is listed as "needs setup". */
  missing: string[]
}

const ENV_NAME = /^[A-Z][A-Z0-9_]*$/

/** Reads and checks a plugin's declared variables from an environment. */
export function readPluginConfig(
  vars: PluginConfigVar[] = [],
  env: Record<string, string | undefined> = process.env
): PluginConfigState {
  const state: PluginConfigState = { settings: { urls: {} }, problems: [], missing: [] }
  for (const variable of vars) {
    if (!ENV_NAME.test(variable.env)) {
      state.problems.push(`${variable.env} is not an environment variable name`)
      continue
    }
    const raw = env[variable.env]?.trim()
    if (!raw) {
      if (variable.required) state.missing.push(variable.env)
      continue
    }
    let value: string | number = raw
    if (variable.kind === 'url') {
      let url: URL | null = null
      try {
        url = new URL(raw)
      } catch {}
      if (!url || !['http:', 'https:'].includes(url.protocol)) {
        state.problems.push(`${variable.env} must be an http(s) URL`)
        continue
      }
      value = raw.replace(/\/+$/, '')
    } else if (variable.kind === 'number') {
      value = Number(raw)
      if (!Number.isFinite(value)) {
        state.problems.push(`${variable.env} must be a number`)
        continue
      }
    }
    if (variable.setting.startsWith('urls.'))
      state.settings.urls[variable.setting.slice(5)] = String(value)
    else state.settings[variable.setting] = value
  }
  return state
}

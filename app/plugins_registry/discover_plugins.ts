import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { readPluginConfig, type NetworkPlugin } from '#sdk'

/** A plugin folder found on disk; its code is imported only when `load()` is called. */
export interface PluginEntry {
  id: string
  entryFile: string
  load(): Promise<NetworkPlugin>
}

/** What `plugins:list` shows about one plugin. */
export interface PluginSummary {
  id: string
  displayName: string
  enabled: boolean
  authKind: NetworkPlugin['auth']['kind']
  capabilities: NetworkPlugin['capabilities']
  /** Its own environment variables: name, whether set (never the value), and what is wrong. */
  config: { env: string; required: boolean; set: boolean; description: string }[]
  problems: string[]
}

/** A build ships compiled `index.js`; development runs `index.ts` directly. */
const ENTRY_FILES = ['index.js', 'index.ts']

/**
 * Lists `<root>/<id>/index.{js,ts}` folders, sorted by id, without importing them.
 * A missing root means no plugins. The real registry (a later issue) builds on this.
 */
export async function discoverPlugins(root: string): Promise<PluginEntry[]> {
  if (!existsSync(root)) return []
  const folders = (await readdir(root, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && !/^[._]/.test(entry.name))
    .map((entry) => entry.name)
    .sort()

  return folders.flatMap((id) => {
    const entryFile = ENTRY_FILES.map((file) => join(root, id, file)).find((file) =>
      existsSync(file)
    )
    return entryFile ? [pluginEntry(id, entryFile)] : []
  })
}

function pluginEntry(id: string, entryFile: string): PluginEntry {
  let loaded: Promise<NetworkPlugin> | undefined
  return {
    id,
    entryFile,
    load() {
      loaded ??= import(pathToFileURL(entryFile).href).then(({ default: plugin }) => {
        if (!plugin || plugin.id !== id) {
          throw new Error(`plugins/${id}/index must default-export a plugin whose id is "${id}"`)
        }
        return plugin as NetworkPlugin
      })
      return loaded
    },
  }
}

/** Imports every discovered plugin and summarises it; `disabled` comes from config/plugins.ts. */
export async function describePlugins(root: string, disabled: string[]): Promise<PluginSummary[]> {
  const entries = await discoverPlugins(root)
  return Promise.all(
    entries.map(async (entry) => {
      const plugin = await entry.load()
      return {
        id: plugin.id,
        displayName: plugin.displayName,
        enabled: !disabled.includes(plugin.id),
        authKind: plugin.auth.kind,
        capabilities: plugin.capabilities,
        config: (plugin.config ?? []).map((variable) => ({
          env: variable.env,
          required: variable.required ?? false,
          set: Boolean(process.env[variable.env]?.trim()),
          description: variable.description,
        })),
        problems: readPluginConfig(plugin.config).problems,
      }
    })
  )
}

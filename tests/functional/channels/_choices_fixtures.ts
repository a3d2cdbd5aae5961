import app from '@adonisjs/core/services/app'
import type { PluginsConfig } from '#config/plugins'
import { connectThroughFake } from '#sdk/testing/connect'
import type { FakeNetwork } from '#sdk/testing/fake_network'
import { saveConnections } from '#actions/channels/save_connections'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import plugins from '#services/plugins'

export type ChoicesNetwork = 'pinterest' | 'tiktok' | 'reddit'

/** Points the plugin at its fake (as an operator would at a proxy) and connects one account through it. */
export async function connectToFake(
  network: ChoicesNetwork,
  fake: FakeNetwork,
  workspace: Workspace,
  user: User
) {
  app.config.get<PluginsConfig>('plugins').settings[network] = fake.settings
  const result = await connectThroughFake(await plugins.get(network), fake)
  if (result.status !== 'ok') throw new Error(`connect ${network}: ${JSON.stringify(result)}`)
  const [account] = await saveConnections({
    workspaceId: workspace.id,
    network,
    connections: result.value,
    userId: user.id,
  })
  return account
}

/** Restores the plugin settings a test pointed at fakes. */
export function keepPluginSettings(networks: ChoicesNetwork[]) {
  const settings = app.config.get<PluginsConfig>('plugins').settings
  const saved = Object.fromEntries(networks.map((network) => [network, settings[network]]))
  return () => void Object.assign(settings, saved)
}

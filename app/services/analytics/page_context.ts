import SocialAccount from '#models/social_account'
import plugins from '#services/plugins'
import {
  metricsOf,
  toAnalyticsAccount,
  toAnalyticsNetwork,
} from '#transformers/analytics_transformer'

/**
 * What every analytics view needs besides its figures: the workspace's accounts (public
 * profile), the networks they are on with the metrics each gives, and the metrics worth a column.
 */
export async function analyticsContext(workspaceId: number) {
  const accounts = await SocialAccount.query()
    .where('workspace_id', workspaceId)
    .orderBy('network')
    .orderBy('display_name')
  const ids = [...new Set(accounts.map((account) => account.network))]
  const installed = await Promise.all(
    ids.map(async (id) => ((await plugins.has(id)) ? plugins.get(id) : null))
  )
  const networks = installed.filter((plugin) => plugin !== null).map(toAnalyticsNetwork)
  return { accounts: accounts.map(toAnalyticsAccount), networks, metrics: metricsOf(networks) }
}

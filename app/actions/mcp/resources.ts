import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import SocialAccount from '#models/social_account'
import plugins from '#services/plugins'
import { audit } from '#services/audit'
import type { McpContext } from '#actions/mcp/context'

export const NETWORKS_URI = 'pistache://workspace/networks'

/**
 * The networks this install can publish to, their limits (text length and how it is counted,
 * media rules, per-post options) and the workspace's accounts on each: what an assistant needs
 * to write a post that passes the checks the first time.
 */
export function registerResources(server: McpServer, context: McpContext) {
  server.registerResource(
    'networks',
    NETWORKS_URI,
    {
      title: 'Networks and their limits',
      description: "Each network's text, media and option rules, and the workspace's accounts",
      mimeType: 'application/json',
    },
    async (uri) => {
      const [enabled, accounts] = await Promise.all([
        plugins.enabled(),
        SocialAccount.query()
          .where('workspace_id', context.workspace.id)
          .whereNot('status', 'disconnected')
          .select('id', 'network', 'handle'),
      ])
      const networks = enabled.map((plugin) => ({
        id: plugin.id,
        name: plugin.displayName,
        capabilities: plugin.capabilities,
        options: plugin.optionFields,
        accounts: accounts
          .filter((account) => account.network === plugin.id)
          .map((account) => ({ id: account.id, handle: account.handle })),
      }))
      await audit({
        action: 'mcp.resource_read',
        actorId: context.actor.id,
        workspaceId: context.workspace.id,
        subjectType: 'api_token',
        subjectId: context.token.id,
        meta: { uri: uri.href },
        ip: context.ip,
      })
      return {
        contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(networks) }],
      }
    }
  )
}

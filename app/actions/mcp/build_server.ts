import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import type { McpContext } from '#actions/mcp/context'
import { registerPostTools } from '#actions/mcp/post_tools'
import { registerWorkspaceTools } from '#actions/mcp/workspace_tools'
import { registerResources } from '#actions/mcp/resources'

/**
 * One MCP server per request, bound to the caller's token: /mcp is stateless (no MCP
 * session to keep across web replicas), and every tool closes over the token's workspace so
 * no argument can name another one.
 */
export function buildMcpServer(context: McpContext) {
  const server = new McpServer(
    { name: 'pistache-postiz', version: '1.0.0' },
    {
      instructions:
        'Pistache Postiz schedules social-media posts. list_accounts gives account ids; read the networks resource for each network’s limits; create_draft or schedule_post answers each target’s problems.',
    }
  )
  registerWorkspaceTools(server, context)
  registerPostTools(server, context)
  registerResources(server, context)
  return server
}

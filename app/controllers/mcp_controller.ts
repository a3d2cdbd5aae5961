import type { HttpContext } from '@adonisjs/core/http'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import { buildMcpServer } from '#actions/mcp/build_server'

/**
 * /mcp: the Model Context Protocol over Streamable HTTP, stateless and answering JSON (no
 * server-sent stream to hold open). The API-token middleware has already authenticated the
 * caller; the SDK writes the answer straight to the Node response.
 */
export default class McpController {
  async handle(ctx: HttpContext) {
    // Reading is the least a token does here; each tool that writes checks the write scope.
    await ctx.bouncer.with('PostPolicy').authorize('view', ctx.member)
    const server = buildMcpServer({
      workspace: ctx.workspace,
      actor: ctx.apiActor,
      member: ctx.member,
      token: ctx.apiToken,
      ip: ctx.request.ip(),
    })
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    })
    ctx.response.response.on('close', () => {
      void transport.close()
      void server.close()
    })
    await server.connect(transport)
    await transport.handleRequest(ctx.request.request, ctx.response.response, ctx.request.body())
  }
}

import logger from '@adonisjs/core/services/logger'
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import type { ZodRawShape } from 'zod'
import { ApiError } from '#services/api/errors'
import { audit } from '#services/audit'
import { requireWrite, type McpContext } from '#actions/mcp/context'

export interface ToolDefinition<Shape extends ZodRawShape> {
  name: string
  title: string
  description: string
  /** Tools that change something need a write token (the REST API's rule for POST/PUT/DELETE). */
  scope: 'read' | 'write'
  input: Shape
  // `any`: the SDK has already checked the arguments against `input` (zod) before `run`;
  // each tool names their inferred type in its own `run` signature.
  run: (args: any, context: McpContext) => Promise<unknown>
}

const text = (value: unknown, isError = false): CallToolResult => ({
  content: [{ type: 'text', text: JSON.stringify(value, null, 2) }],
  structuredContent: value as Record<string, unknown>,
  ...(isError ? { isError: true } : {}),
})

/**
 * Registers a tool whose every call is checked against the token's scope and written to the
 * audit log (tool, token, outcome: an API call leaves the same trace). Expected refusals come
 * back to the assistant as a tool error in the REST API's error shape, so it can read the
 * per-network problems and try again; a bug is logged and answered as an internal error.
 */
export function defineTool<Shape extends ZodRawShape>(
  server: McpServer,
  context: McpContext,
  tool: ToolDefinition<Shape>
) {
  server.registerTool(
    tool.name,
    { title: tool.title, description: tool.description, inputSchema: tool.input },
    // `as any` below: the SDK's callback type is inferred from `inputSchema` per tool; this one
    // wrapper serves every tool, whose own `run` signature types the arguments.
    (async (args: unknown) => {
      let outcome = 'ok'
      try {
        if (tool.scope === 'write') requireWrite(context)
        return text({ data: await tool.run(args ?? {}, context) })
      } catch (error) {
        if (error instanceof ApiError) {
          outcome = error.errorCode
          return text(error.body(), true)
        }
        outcome = 'internal_error'
        logger.error({ err: error, tool: tool.name }, 'MCP tool failed')
        return text({ error: { code: 'internal_error', message: 'Something went wrong' } }, true)
      } finally {
        await audit({
          action: 'mcp.tool_called',
          actorId: context.actor.id,
          workspaceId: context.workspace.id,
          subjectType: 'api_token',
          subjectId: context.token.id,
          meta: { tool: tool.name, outcome },
          ip: context.ip,
        }).catch((error) => logger.error({ err: error }, 'could not write MCP audit entry'))
      }
    }) as any
  )
}

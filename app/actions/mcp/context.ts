import type ApiToken from '#models/api_token'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import type WorkspaceMember from '#models/workspace_member'
import { ApiError } from '#services/api/errors'
import { canUseTokenScope } from '#services/roles'

/** Who an MCP call acts as: the API token's workspace and the member who created the token. */
export interface McpContext {
  workspace: Workspace
  actor: User
  member: WorkspaceMember
  token: ApiToken
  ip: string
}

/**
 * Tools that change something need what a write request of the REST API needs: a write
 * token whose creator still has a role that may write. /mcp is all POSTs, so the
 * middleware lets read tokens in and each tool says which scope it needs.
 */
export function requireWrite(context: McpContext) {
  if (context.token.scope !== 'write')
    throw new ApiError(403, 'insufficient_scope', 'This token is read-only')
  if (!canUseTokenScope(context.member.role, 'write'))
    throw new ApiError(
      403,
      'insufficient_role',
      'The member who created this token no longer has a role that may write through the API'
    )
}

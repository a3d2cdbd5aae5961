import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import WorkspaceMember from '#models/workspace_member'

/**
 * Who does something in a workspace: the user and their member row (null when they are
 * not, or no longer, a member). A request has the row already — the workspace middleware
 * or the API token middleware loaded it — and passes both, so nothing asks the database
 * for the role again. An ace command or a test may pass the bare user; the row is then
 * loaded here, once, and the same policies decide.
 */
export interface WorkspaceActor {
  user: User
  member: WorkspaceMember | null
}

export type ActorInput = User | WorkspaceActor

export async function resolveActor(
  input: ActorInput,
  workspaceId: number
): Promise<WorkspaceActor> {
  if (!(input instanceof User)) return input
  const member = await WorkspaceMember.query()
    .where('workspace_id', workspaceId)
    .where('user_id', input.id)
    .first()
  return { user: input, member }
}

/**
 * The actor of a workspace request: the signed-in user (or, on /api/v1, the member the
 * token acts as) and the member row the middleware loaded.
 */
export function actorOf(ctx: HttpContext): WorkspaceActor {
  return { user: ctx.auth?.user ?? ctx.apiActor, member: ctx.member }
}

import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import Workspace from '#models/workspace'
import WorkspaceMember from '#models/workspace_member'
import NotFoundException from '#exceptions/not_found_exception'

/**
 * Resolves the `:workspace` route parameter (a slug) to a workspace the signed-in
 * user belongs to. Anything else is a 404, so a foreign workspace's existence is
 * never revealed. Controllers then scope every query by `ctx.workspace.id`.
 */
export default class WorkspaceMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const user = ctx.auth.getUserOrFail()
    const slug = String(ctx.params.workspace ?? '')
    const workspace = await Workspace.findBy('slug', slug)
    const member = workspace
      ? await WorkspaceMember.query()
          .where('workspace_id', workspace.id)
          .where('user_id', user.id)
          .first()
      : null
    if (!workspace || !member) {
      throw new NotFoundException()
    }
    ctx.workspace = workspace
    ctx.member = member
    if (user.currentWorkspaceId !== workspace.id) {
      user.currentWorkspaceId = workspace.id
      await user.save()
    }
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    workspace: Workspace
    member: WorkspaceMember
  }
}

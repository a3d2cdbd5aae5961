import type { HttpContext } from '@adonisjs/core/http'
import { createWorkspace } from '#actions/workspaces/create_workspace'
import { findHomeWorkspace } from '#services/workspaces/find_home_workspace'
import { auditRequest } from '#services/audit'
import { createWorkspaceValidator, WORKSPACE_TIMEZONES } from '#validators/workspaces'

export default class WorkspacesController {
  /** `/`: the workspace the user was last in, else their first, else the creation page. */
  async home({ auth, response }: HttpContext) {
    const workspace = await findHomeWorkspace(auth.getUserOrFail())
    if (!workspace) return response.redirect().toRoute('workspaces.create')
    return response.redirect().toRoute('workspace.calendar', { workspace: workspace.slug })
  }

  async create({ inertia }: HttpContext) {
    return inertia.render('workspaces/new', { timezones: WORKSPACE_TIMEZONES })
  }

  async store(ctx: HttpContext) {
    const { name, timezone } = await ctx.request.validateUsing(createWorkspaceValidator)
    const workspace = await createWorkspace({ user: ctx.auth.getUserOrFail(), name, timezone })
    await auditRequest(ctx, {
      action: 'workspace.created',
      workspaceId: workspace.id,
      subjectType: 'workspace',
      subjectId: workspace.id,
      meta: { name },
    })
    ctx.session.flash('success', ctx.i18n.t('workspaces.flash.created', { name }))
    return ctx.response.redirect().toRoute('workspace.calendar', { workspace: workspace.slug })
  }
}

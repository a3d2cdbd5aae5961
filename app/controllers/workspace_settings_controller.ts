import type { HttpContext } from '@adonisjs/core/http'
import { deleteWorkspace } from '#actions/workspaces/delete_workspace'
import { updateWorkspace } from '#actions/workspaces/update_workspace'
import { auditRequest } from '#services/audit'
import {
  deleteWorkspaceValidator,
  fieldError,
  updateWorkspaceValidator,
  WORKSPACE_TIMEZONES,
} from '#validators/workspaces'

export default class WorkspaceSettingsController {
  async edit({ bouncer, member, inertia }: HttpContext) {
    await bouncer.with('WorkspacePolicy').authorize('view', member)
    return inertia.render('settings/index', { timezones: WORKSPACE_TIMEZONES })
  }

  async update(ctx: HttpContext) {
    const { workspace } = ctx
    await ctx.bouncer.with('WorkspacePolicy').authorize('updateSettings', ctx.member)
    const payload = await ctx.request.validateUsing(updateWorkspaceValidator)
    const result = await updateWorkspace(workspace, payload)
    if (result.renamed) {
      await auditRequest(ctx, {
        action: 'workspace.renamed',
        workspaceId: workspace.id,
        subjectType: 'workspace',
        subjectId: workspace.id,
        meta: { from: result.previous.name, to: workspace.name },
      })
    }
    ctx.session.flash('success', ctx.i18n.t('workspaces.flash.updated'))
    return ctx.response.redirect().toRoute('workspace.settings.edit', { workspace: workspace.slug })
  }

  /** Owners only, after typing the workspace's exact name. */
  async destroy(ctx: HttpContext) {
    const { workspace } = ctx
    await ctx.bouncer.with('WorkspacePolicy').authorize('delete', ctx.member)
    const { confirmation } = await ctx.request.validateUsing(deleteWorkspaceValidator)
    if (confirmation !== workspace.name) {
      throw fieldError('confirmation', ctx.i18n.t('workspaces.settings.delete.mismatch'))
    }
    await deleteWorkspace(workspace)
    await auditRequest(ctx, {
      action: 'workspace.deleted',
      workspaceId: workspace.id,
      subjectType: 'workspace',
      subjectId: workspace.id,
      meta: { name: workspace.name },
    })
    ctx.session.flash('success', ctx.i18n.t('workspaces.flash.deleted', { name: workspace.name }))
    return ctx.response.redirect('/')
  }
}

import type { HttpContext } from '@adonisjs/core/http'
import Post from '#models/post'
import { analyticsPeriodValidator } from '#validators/analytics'
import { resolvePeriod } from '#services/analytics/period'
import { workspaceReport } from '#services/analytics/workspace_report'
import { postReport } from '#services/analytics/post_report'
import { analyticsContext } from '#services/analytics/page_context'
import { exportRows } from '#services/analytics/export_rows'
import { toCsv } from '#services/analytics/csv'
import { toAnalyticsPeriod, toAnalyticsPost } from '#transformers/analytics_transformer'

/** Workspace analytics (page and CSV of the same figures) and one post's metrics. */
export default class AnalyticsController {
  async index({ request, inertia, workspace, member, bouncer }: HttpContext) {
    await bouncer.with('WorkspacePolicy').authorize('view', member)
    const period = resolvePeriod(
      await request.validateUsing(analyticsPeriodValidator),
      workspace.timezone
    )
    const [context, report] = await Promise.all([
      analyticsContext(workspace.id),
      workspaceReport(workspace.id, period),
    ])
    return inertia.render('analytics/index', {
      ...context,
      period: toAnalyticsPeriod(period, workspace.timezone),
      report,
    })
  }

  async export({ request, response, workspace, member, bouncer, i18n }: HttpContext) {
    await bouncer.with('WorkspacePolicy').authorize('view', member)
    const resolved = resolvePeriod(
      await request.validateUsing(analyticsPeriodValidator),
      workspace.timezone
    )
    const [context, report] = await Promise.all([
      analyticsContext(workspace.id),
      workspaceReport(workspace.id, resolved),
    ])
    const period = toAnalyticsPeriod(resolved, workspace.timezone)
    const rows = exportRows({
      t: (key, data) => i18n.t(key, data),
      workspaceName: workspace.name,
      period,
      report,
      ...context,
    })
    // French Excel splits on semicolons (the comma is its decimal mark).
    const csv = toCsv(rows, i18n.locale.startsWith('fr') ? ';' : ',')
    response.header('content-type', 'text/csv; charset=utf-8')
    response.attachment(`analytics-${workspace.slug}-${period.from}-${period.to}.csv`)
    return response.send(csv)
  }

  async post({ params, inertia, workspace, member, bouncer }: HttpContext) {
    await bouncer.with('WorkspacePolicy').authorize('view', member)
    const post = await Post.query()
      .where('workspace_id', workspace.id)
      .where('id', Number(params.post))
      .firstOrFail()
    const [context, deliveries] = await Promise.all([
      analyticsContext(workspace.id),
      postReport(post),
    ])
    return inertia.render('analytics/post', { ...context, post: toAnalyticsPost(post), deliveries })
  }
}

import type { HttpContext } from '@adonisjs/core/http'
import { findApiPost } from '#services/api/posts'
import { latestPostMetrics } from '#services/api/metrics'

/** /api/v1/posts/:post/metrics: the latest figures per delivery. */
export default class ApiMetricsController {
  async show({ params, workspace, member, bouncer }: HttpContext) {
    const post = await findApiPost(workspace.id, params.post)
    await bouncer.with('PostPolicy').authorize('view', member, post)
    return { data: await latestPostMetrics(workspace.id, post.id) }
  }
}

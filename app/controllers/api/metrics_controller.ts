import type { HttpContext } from '@adonisjs/core/http'
import { findApiPost } from '#services/api/posts'
import { latestPostMetrics } from '#services/api/metrics'

/** /api/v1/posts/:post/metrics: the latest figures per delivery. */
export default class ApiMetricsController {
  async show({ params, workspace }: HttpContext) {
    const post = await findApiPost(workspace.id, params.post)
    return { data: await latestPostMetrics(workspace.id, post.id) }
  }
}

/**
 * Analytics: the workspace's figures over a period (page and CSV) and one post's metrics.
 * Kept under /analytics (the composer owns /posts/*); behind the `workspace` middleware.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const AnalyticsController = () => import('#controllers/analytics_controller')

router
  .group(() => {
    router.get('/analytics', [AnalyticsController, 'index']).as('analytics')
    router.get('/analytics/export.csv', [AnalyticsController, 'export']).as('analytics.export')
    router
      .get('/analytics/posts/:post', [AnalyticsController, 'post'])
      .as('analytics.post')
      .where('post', router.matchers.number())
  })
  .prefix('/w/:workspace')
  .as('workspace')
  .use([middleware.auth(), middleware.workspace()])

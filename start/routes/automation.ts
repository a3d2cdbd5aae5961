/**
 * Automation: feeds the workspace follows, the evergreen queue, and repeating posts from the
 * composer. Workspace routes (session, CSRF, membership); the actions check who may post.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const FeedsController = () => import('#controllers/feeds_controller')
const SeriesController = () => import('#controllers/series_controller')
const EvergreenController = () => import('#controllers/evergreen_controller')

router
  .group(() => {
    router.get('/feeds', [FeedsController, 'index']).as('feeds.index')
    router.post('/feeds', [FeedsController, 'store']).as('feeds.store')
    router
      .group(() => {
        router.put('/', [FeedsController, 'update']).as('update')
        router.delete('/', [FeedsController, 'destroy']).as('destroy')
        router.post('/fetch', [FeedsController, 'fetch']).as('fetch')
      })
      .prefix('/feeds/:feed')
      .as('feeds')
      .where('feed', router.matchers.number())

    router.get('/evergreen', [EvergreenController, 'index']).as('evergreen.index')
    router.post('/evergreen', [EvergreenController, 'store']).as('evergreen.store')
    router
      .group(() => {
        router.put('/', [EvergreenController, 'update']).as('update')
        router.delete('/', [EvergreenController, 'destroy']).as('destroy')
        router.put('/active', [EvergreenController, 'active']).as('active')
      })
      .prefix('/evergreen/:evergreen_item')
      .as('evergreen')
      .where('evergreen_item', router.matchers.number())

    router.post('/series', [SeriesController, 'store']).as('series.store')
    router
      .get('/series/of-post/:post', [SeriesController, 'ofPost'])
      .as('series.of_post')
      .where('post', router.matchers.number())
    router
      .put('/series/:series/future', [SeriesController, 'updateFuture'])
      .as('series.update_future')
      .where('series', router.matchers.number())
  })
  .prefix('/w/:workspace')
  .as('workspace')
  .use([middleware.auth(), middleware.workspace()])

/**
 * The public REST API (/api/v1, documented at /api/v1/openapi.json) and the pages that
 * manage it: Settings → API tokens and Webhooks, the CSV import and the CSV export.
 * API routes authenticate by bearer token (the token names the workspace) and run without
 * session, shield or cookies (#services/stateless_routes); the pages are ordinary workspace routes.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ApiPostsController = () => import('#controllers/api/posts_controller')
const ApiAccountsController = () => import('#controllers/api/accounts_controller')
const ApiMediaController = () => import('#controllers/api/media_controller')
const ApiMetricsController = () => import('#controllers/api/metrics_controller')
const ApiQueueController = () => import('#controllers/api/queue_controller')
const ApiOpenApiController = () => import('#controllers/api/openapi_controller')
const ApiReviewLinksController = () => import('#controllers/api/review_links_controller')
const ApiTokensController = () => import('#controllers/api_tokens_controller')
const WebhooksController = () => import('#controllers/webhooks_controller')
const CsvImportController = () => import('#controllers/csv_import_controller')

router.get('/api/v1/openapi.json', [ApiOpenApiController, 'show']).as('api.openapi')

router
  .group(() => {
    router.get('/posts', [ApiPostsController, 'index']).as('posts.index')
    router.post('/posts', [ApiPostsController, 'store']).as('posts.store')
    router
      .group(() => {
        router.get('/', [ApiPostsController, 'show']).as('show')
        router.put('/', [ApiPostsController, 'update']).as('update')
        router.delete('/', [ApiPostsController, 'destroy']).as('destroy')
        router.post('/schedule', [ApiPostsController, 'schedule']).as('schedule')
        router.post('/publish-now', [ApiPostsController, 'publishNow']).as('publish_now')
        router.get('/metrics', [ApiMetricsController, 'show']).as('metrics')
        router.get('/comments', [ApiReviewLinksController, 'comments']).as('comments')
      })
      .prefix('/posts/:post')
      .as('posts')
    router.get('/accounts', [ApiAccountsController, 'index']).as('accounts.index')
    router.post('/media', [ApiMediaController, 'store']).as('media.store')
    router.get('/media/:media', [ApiMediaController, 'show']).as('media.show')
    router.get('/queue/next-slot', [ApiQueueController, 'nextSlot']).as('queue.next_slot')
    router.get('/review-links', [ApiReviewLinksController, 'index']).as('review_links.index')
    router.post('/review-links', [ApiReviewLinksController, 'store']).as('review_links.store')
    router
      .delete('/review-links/:link', [ApiReviewLinksController, 'destroy'])
      .as('review_links.destroy')
  })
  .prefix('/api/v1')
  .as('api')
  .use(middleware.apiToken())

router.any('/api/v1/*', [ApiOpenApiController, 'missing']).as('api.missing')

router
  .group(() => {
    router.get('/settings/api', [ApiTokensController, 'index']).as('api_tokens.index')
    router.post('/settings/api/tokens', [ApiTokensController, 'store']).as('api_tokens.store')
    router
      .delete('/settings/api/tokens/:apiToken', [ApiTokensController, 'destroy'])
      .as('api_tokens.destroy')
      .where('apiToken', router.matchers.number())

    router.get('/settings/webhooks', [WebhooksController, 'index']).as('webhooks.index')
    router.post('/settings/webhooks', [WebhooksController, 'store']).as('webhooks.store')
    router
      .put('/settings/webhooks/:webhook', [WebhooksController, 'update'])
      .as('webhooks.update')
      .where('webhook', router.matchers.number())
    router
      .delete('/settings/webhooks/:webhook', [WebhooksController, 'destroy'])
      .as('webhooks.destroy')
      .where('webhook', router.matchers.number())
    router
      .post('/settings/webhook-deliveries/:webhookDelivery/resend', [WebhooksController, 'resend'])
      .as('webhook_deliveries.resend')
      .where('webhookDelivery', router.matchers.number())

    router.get('/import', [CsvImportController, 'create']).as('import.create')
    router.post('/import', [CsvImportController, 'upload']).as('import.upload')
    router.get('/import/preview', [CsvImportController, 'preview']).as('import.preview')
    router.post('/import/confirm', [CsvImportController, 'confirm']).as('import.confirm')
    router.get('/export.csv', [CsvImportController, 'export']).as('export.csv')
  })
  .prefix('/w/:workspace')
  .as('workspace')
  .use([middleware.auth(), middleware.workspace()])

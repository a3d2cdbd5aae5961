/**
 * Threads and first comments: "retry from part N" on a delivery whose thread stopped at a
 * part, from the post page and the API. The post is looked up in the workspace (404), then
 * its delivery inside the post.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PostPartsController = () => import('#controllers/post_parts_controller')
const ApiPostPartsController = () => import('#controllers/api/post_parts_controller')

router
  .post('/w/:workspace/posts/:post/deliveries/:delivery/retry-parts', [
    PostPartsController,
    'retry',
  ])
  .as('workspace.posts.retry_parts')
  .where('post', router.matchers.number())
  .where('delivery', router.matchers.number())
  .use([middleware.auth(), middleware.workspace()])

router
  .post('/api/v1/posts/:post/deliveries/:delivery/retry-parts', [ApiPostPartsController, 'retry'])
  .as('api.posts.retry_parts')
  .use(middleware.apiToken())

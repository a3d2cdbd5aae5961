/**
 * Posts: the list, the composer, a post's detail and its workflow (schedule, queue, publish
 * now, submit, approve, reject), plus the workspace's posting schedule. Every route passes
 * the `workspace` middleware (404 for non-members); a `:post` is looked up inside it.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PostsController = () => import('#controllers/posts_controller')
const PostsWorkflowController = () => import('#controllers/posts_workflow_controller')
const PostingScheduleController = () => import('#controllers/posting_schedule_controller')

router
  .group(() => {
    router.get('/posts', [PostsController, 'index']).as('posts.index')
    router.get('/posts/new', [PostsController, 'create']).as('posts.create')
    router.post('/posts', [PostsController, 'store']).as('posts.store')
    // The composer's live check: saves nothing, answers JSON.
    router.post('/posts/check', [PostsController, 'check']).as('posts.check')
    router
      .group(() => {
        router.get('/', [PostsController, 'show']).as('show')
        router.get('/edit', [PostsController, 'edit']).as('edit')
        router.put('/', [PostsController, 'update']).as('update')
        router.delete('/', [PostsController, 'destroy']).as('destroy')
        router.post('/schedule', [PostsWorkflowController, 'schedule']).as('schedule')
        router.post('/publish-now', [PostsWorkflowController, 'publishNow']).as('publish_now')
        router.post('/submit', [PostsWorkflowController, 'submit']).as('submit')
        router.post('/approve', [PostsWorkflowController, 'approve']).as('approve')
        router.post('/reject', [PostsWorkflowController, 'reject']).as('reject')
      })
      .prefix('/posts/:post')
      .as('posts')
      .where('post', router.matchers.number())

    router.get('/settings/schedule', [PostingScheduleController, 'edit']).as('schedule.edit')
    router.put('/settings/schedule', [PostingScheduleController, 'update']).as('schedule.update')
  })
  .prefix('/w/:workspace')
  .as('workspace')
  .use([middleware.auth(), middleware.workspace()])

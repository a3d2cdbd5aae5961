/**
 * Client review. The review page needs no account: /review/:token, gated by
 * #services/reviews/review_guard (limits per IP and link, token lookup, expiry) in each
 * handler. The workspace pages (links, the client-approval switch, a post's comments)
 * pass the `workspace` middleware like every other workspace route.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ClientReviewController = () => import('#controllers/client_review_controller')
const ReviewLinksController = () => import('#controllers/review_links_controller')
const PostCommentsController = () => import('#controllers/post_comments_controller')
const LinkCardsController = () => import('#controllers/link_cards_controller')

router
  .group(() => {
    router.get('/', [ClientReviewController, 'show']).as('show')
    router.post('/unlock', [ClientReviewController, 'unlock']).as('unlock')
    router.get('/link-card', [ClientReviewController, 'linkCard']).as('link_card')
    router.post('/name', [ClientReviewController, 'rememberName']).as('name')
    router
      .post('/posts/:post', [ClientReviewController, 'act'])
      .as('act')
      .where('post', router.matchers.number())
  })
  .prefix('/review/:token')
  .as('review')

router
  .group(() => {
    router.get('/settings/review-links', [ReviewLinksController, 'index']).as('review_links.index')
    router.get('/link-card', [LinkCardsController, 'show']).as('link_card')
    router.post('/settings/review-links', [ReviewLinksController, 'store']).as('review_links.store')
    router
      .delete('/settings/review-links/:reviewLink', [ReviewLinksController, 'destroy'])
      .as('review_links.destroy')
      .where('reviewLink', router.matchers.number())
    router
      .put('/settings/client-review', [ReviewLinksController, 'updateSettings'])
      .as('review_links.settings')
    router
      .group(() => {
        router.post('/comments', [PostCommentsController, 'store']).as('store')
        router
          .put('/comments/:postComment', [PostCommentsController, 'update'])
          .as('update')
          .where('postComment', router.matchers.number())
        router
          .delete('/comments/:postComment', [PostCommentsController, 'destroy'])
          .as('destroy')
          .where('postComment', router.matchers.number())
      })
      .prefix('/posts/:post')
      .as('post_comments')
      .where('post', router.matchers.number())
  })
  .prefix('/w/:workspace')
  .as('workspace')
  .use([middleware.auth(), middleware.workspace()])

/**
 * Connecting network accounts. Workspace routes pass the `workspace` middleware (404 for
 * non-members); the OAuth callback is global because each network has one fixed
 * redirect URI, and it re-checks the workspace and role it finds in the pending state.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ChannelsController = () => import('#controllers/channels_controller')
const ChannelPicksController = () => import('#controllers/channel_picks_controller')

router
  .group(() => {
    router.get('/', [ChannelsController, 'index']).as('index')
    // The picker after a login that returned several accounts (see ChannelPicksController).
    router.get('/pick', [ChannelPicksController, 'show']).as('pick.show')
    router.post('/pick', [ChannelPicksController, 'store']).as('pick.store')
    router.delete('/pick', [ChannelPicksController, 'destroy']).as('pick.destroy')
    router.post('/:network/authorize', [ChannelsController, 'authorize']).as('authorize')
    router
      .post('/:network/credentials', [ChannelsController, 'connectWithCredentials'])
      .as('credentials')
    router
      .delete('/:channel', [ChannelsController, 'disconnect'])
      .as('disconnect')
      .where('channel', router.matchers.number())
  })
  .prefix('/w/:workspace/channels')
  .as('channels')
  .use([middleware.auth(), middleware.workspace()])

router
  .get('/oauth/:network/callback', [ChannelsController, 'callback'])
  .as('oauth.callback')
  .use(middleware.auth())

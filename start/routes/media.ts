/**
 * The media library. Workspace routes pass the `workspace` middleware (404 for non-members)
 * and then load the asset within that workspace (404 for anyone else's). The public file
 * route needs no session but a valid signed, expiring URL (see signedMediaUrl).
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const MediaController = () => import('#controllers/media_controller')
const MediaUploadsController = () => import('#controllers/media_uploads_controller')

router
  .group(() => {
    router.get('/', [MediaController, 'index']).as('index')
    router.post('/', [MediaUploadsController, 'store']).as('store')
    router.post('/import', [MediaUploadsController, 'importUrl']).as('import')
    router
      .patch('/:media_asset', [MediaController, 'update'])
      .as('update')
      .where('media_asset', router.matchers.number())
    router
      .delete('/:media_asset', [MediaController, 'destroy'])
      .as('destroy')
      .where('media_asset', router.matchers.number())
    router
      .get('/:media_asset/file', [MediaController, 'file'])
      .as('file')
      .where('media_asset', router.matchers.number())
  })
  .prefix('/w/:workspace/media')
  .as('workspace.media')
  .use([middleware.auth(), middleware.workspace()])

router
  .get('/media/:media_asset/public', [MediaController, 'publicFile'])
  .as('media.public')
  .where('media_asset', router.matchers.number())

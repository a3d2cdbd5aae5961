/**
 * The content library (templates, snippets, hashtag groups, variables): its page, the
 * composer's pickers, and its bearer-token API. Workspace routes ask LibraryPolicy.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const LibraryController = () => import('#controllers/library_controller')
const ApiLibraryController = () => import('#controllers/api/library_controller')

router
  .group(() => {
    router.get('/library', [LibraryController, 'index']).as('library.index')
    router.get('/library/picker', [LibraryController, 'picker']).as('library.picker')
    router.post('/library', [LibraryController, 'store']).as('library.store')
    router
      .put('/library/:libraryItem', [LibraryController, 'update'])
      .as('library.update')
      .where('libraryItem', router.matchers.number())
    router
      .delete('/library/:libraryItem', [LibraryController, 'destroy'])
      .as('library.destroy')
      .where('libraryItem', router.matchers.number())
  })
  .prefix('/w/:workspace')
  .as('workspace')
  .use([middleware.auth(), middleware.workspace()])

router
  .group(() => {
    router.get('/library', [ApiLibraryController, 'index']).as('library.index')
    router.post('/library', [ApiLibraryController, 'store']).as('library.store')
    router
      .group(() => {
        router.get('/', [ApiLibraryController, 'show']).as('show')
        router.put('/', [ApiLibraryController, 'update']).as('update')
        router.delete('/', [ApiLibraryController, 'destroy']).as('destroy')
      })
      .prefix('/library/:libraryItem')
      .as('library')
  })
  .prefix('/api/v1')
  .as('api')
  .use(middleware.apiToken())

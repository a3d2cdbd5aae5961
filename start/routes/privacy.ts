/**
 * Settings → Privacy: user-level (the caller's own data), never workspace-scoped.
 * The export download also needs the signed link mailed to the user.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PrivacyController = () => import('#controllers/privacy_controller')

router
  .group(() => {
    router.get('/', [PrivacyController, 'show']).as('show')
    router.post('/exports', [PrivacyController, 'requestExport']).as('exports.store')
    router
      .get('/exports/:export/download', [PrivacyController, 'download'])
      .as('exports.download')
      .where('export', router.matchers.number())
    router.put('/restriction', [PrivacyController, 'updateRestriction']).as('restriction')
    router.delete('/account', [PrivacyController, 'destroy']).as('account.destroy')
  })
  .prefix('/privacy')
  .as('privacy')
  .use(middleware.auth())

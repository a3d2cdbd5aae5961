/**
 * The System area: the install's operations console and settings, for instance admins only.
 * Everyone else — signed out, or signed in without the role — gets 404 (the area is not
 * revealed); see #middleware/instance_admin_middleware.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const SystemController = () => import('#controllers/system_controller')
const SystemSettingsController = () => import('#controllers/system_settings_controller')

router
  .group(() => {
    router.get('/system', [SystemController, 'index']).as('system.index')
    router
      .post('/system/jobs/:queue/:job/retry', [SystemController, 'retryJob'])
      .as('system.jobs.retry')
    router
      .delete('/system/jobs/:queue/:job', [SystemController, 'removeJob'])
      .as('system.jobs.remove')
    router
      .post('/system/deliveries/:delivery/reconcile', [SystemController, 'reconcileDelivery'])
      .where('delivery', router.matchers.number())
      .as('system.deliveries.reconcile')
    router.get('/system/settings', [SystemSettingsController, 'show']).as('system.settings')
    router
      .post('/system/settings/test-mail', [SystemSettingsController, 'testMail'])
      .as('system.settings.test_mail')
    router
      .post('/system/settings/test-storage', [SystemSettingsController, 'testStorage'])
      .as('system.settings.test_storage')
  })
  .use([middleware.auth(), middleware.instanceAdmin()])

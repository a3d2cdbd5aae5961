/**
 * Choices of account-sourced options for the composer, read from the network with the
 * account's token. Behind the `workspace` middleware like every /w/:workspace route.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const OptionChoicesController = () => import('#controllers/option_choices_controller')

router
  .get('/w/:workspace/channels/:channel/options/:field/choices', [OptionChoicesController, 'index'])
  .as('channels.options.choices')
  .where('channel', router.matchers.number())
  .use([middleware.auth(), middleware.workspace()])

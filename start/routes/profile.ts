import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ProfileController = () => import('#controllers/profile_controller')
const LocaleController = () => import('#controllers/locale_controller')

router
  .group(() => {
    router.get('/profile', [ProfileController, 'show']).as('profile.show')
    router.put('/profile', [ProfileController, 'update']).as('profile.update')
    router.put('/profile/email', [ProfileController, 'updateEmail']).as('profile.email')
    router.put('/profile/password', [ProfileController, 'updatePassword']).as('profile.password')
  })
  .use(middleware.auth())

/** Opened from the mailbox of the new address, signed in or not: the token is the proof. */
router
  .get('/profile/email/confirm/:token', [ProfileController, 'emailConfirmation'])
  .as('profile.email.confirmation')
router
  .post('/profile/email/confirm', [ProfileController, 'confirmEmail'])
  .as('profile.email.confirm')

/** Open to guests too: the language switch is on the sign-in pages. */
router.post('/locale', [LocaleController, 'update']).as('locale.update')

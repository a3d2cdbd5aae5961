import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const SessionController = () => import('#controllers/session_controller')
const SignupController = () => import('#controllers/signup_controller')
const PasswordResetController = () => import('#controllers/password_reset_controller')

router
  .group(() => {
    router.get('/login', [SessionController, 'create']).as('session.create')
    router.post('/login', [SessionController, 'store']).as('session.store')
    router.get('/signup', [SignupController, 'create']).as('signup.create')
    router.post('/signup', [SignupController, 'store']).as('signup.store')
    router
      .get('/signup/confirm/:token', [SignupController, 'confirmation'])
      .as('signup.confirmation')
    router.post('/signup/confirm', [SignupController, 'confirm']).as('signup.confirm')
    router.get('/forgot-password', [PasswordResetController, 'create']).as('password.forgot')
    router.post('/forgot-password', [PasswordResetController, 'store']).as('password.email')
    router.get('/reset-password/:token', [PasswordResetController, 'edit']).as('password.reset')
    router.post('/reset-password', [PasswordResetController, 'update']).as('password.update')
  })
  .use(middleware.guest())

router.post('/logout', [SessionController, 'destroy']).as('session.destroy').use(middleware.auth())

import type { HttpContext } from '@adonisjs/core/http'
import { attemptLogin } from '#actions/accounts/attempt_login'
import { formError, loginValidator } from '#validators/accounts'
import { safeNextPath } from '#services/safe_next_path'
import { signIn } from '#services/session_epoch'
import { signupMode } from '#services/accounts/signup_policy'

export default class SessionController {
  async create({ inertia }: HttpContext) {
    return inertia.render('auth/login', { signupMode: signupMode() })
  }

  /** The guard regenerates the session id on login, so a planted session cannot be reused. */
  async store(ctx: HttpContext) {
    const { request, response, session, i18n } = ctx
    const payload = await request.validateUsing(loginValidator)
    const result = await attemptLogin(payload, request.ip())
    if (result.status === 'locked') {
      session.flash('error', i18n.t('auth.login.locked', { minutes: result.retryInMinutes }))
      return response.redirect().back()
    }
    if (result.status === 'invalid_credentials')
      throw formError('email', i18n.t('auth.login.invalid'))
    await signIn(ctx, result.user)
    const next = request.input('next')
    return next ? response.redirect(safeNextPath(next)) : response.redirect().toIntended('/')
  }

  async destroy({ auth, session, response, i18n }: HttpContext) {
    await auth.use('web').logout()
    session.regenerate()
    session.flash('success', i18n.t('auth.logout.done'))
    return response.redirect().toRoute('session.create')
  }
}

import type { HttpContext } from '@adonisjs/core/http'
import { requestPasswordReset } from '#actions/accounts/request_password_reset'
import { resetPassword } from '#actions/accounts/reset_password'
import { findUsableToken } from '#services/accounts/password_reset_tokens'
import { forgotPasswordValidator, resetPasswordValidator } from '#validators/accounts'
import { signIn } from '#services/session_epoch'

export default class PasswordResetController {
  async create({ inertia }: HttpContext) {
    return inertia.render('auth/forgot_password', {})
  }

  /** Same answer whether or not the address has an account, so the form cannot list accounts. */
  async store({ request, response, session, i18n }: HttpContext) {
    const { email } = await request.validateUsing(forgotPasswordValidator)
    const result = await requestPasswordReset(email, request.ip())
    if (result.status === 'throttled') {
      session.flash('error', i18n.t('auth.throttled', { minutes: result.retryInMinutes }))
    } else {
      session.flash('success', i18n.t('auth.forgot.sent'))
    }
    return response.redirect().back()
  }

  async edit({ params, inertia }: HttpContext) {
    const token = String(params.token)
    return inertia.render('auth/reset_password', {
      token,
      valid: (await findUsableToken(token)) !== null,
    })
  }

  async update(ctx: HttpContext) {
    const { request, response, session, i18n } = ctx
    const payload = await request.validateUsing(resetPasswordValidator)
    const result = await resetPassword(payload, request.ip())
    if (result.status === 'throttled') {
      session.flash('error', i18n.t('auth.throttled', { minutes: result.retryInMinutes }))
      return response.redirect().back()
    }
    if (result.status === 'invalid_token') {
      session.flash('error', i18n.t('auth.reset.invalid'))
      return response.redirect().toRoute('password.forgot')
    }
    await signIn(ctx, result.user)
    session.flash('success', i18n.t('auth.reset.done'))
    return response.redirect('/')
  }
}

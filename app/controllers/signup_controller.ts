import type { HttpContext } from '@adonisjs/core/http'
import { requestSignUp } from '#actions/accounts/sign_up'
import { confirmSignUp } from '#actions/accounts/confirm_sign_up'
import { findUsableConfirmation } from '#services/accounts/account_confirmations'
import { auditRequest } from '#services/audit'
import { signupMode } from '#services/accounts/signup_policy'
import { confirmSignupValidator, formError, signupValidator } from '#validators/accounts'
import { safeNextPath } from '#services/safe_next_path'
import { signIn } from '#services/session_epoch'

export default class SignupController {
  async create({ inertia }: HttpContext) {
    return inertia.render('auth/signup', { signupMode: signupMode() })
  }

  /** See requestSignUp: one answer whether or not the address has an account. */
  async store(ctx: HttpContext) {
    const { request, response, session, i18n } = ctx
    if (signupMode() === 'closed') return this.#closed(ctx)
    const payload = await request.validateUsing(signupValidator)
    const result = await requestSignUp(
      { ...payload, locale: i18n.locale, next: request.input('next') },
      request.ip()
    )
    switch (result.status) {
      case 'closed':
        return this.#closed(ctx)
      case 'throttled':
        session.flash('error', i18n.t('auth.throttled', { minutes: result.retryInMinutes }))
        return response.redirect().back()
      case 'signed_up':
        return this.#welcome(ctx, result.user, result.next)
      case 'check_mailbox':
        session.flash('success', i18n.t('auth.signup.checkMailbox', { email: payload.email }))
        return response.redirect().toRoute('session.create')
    }
  }

  /** The page a confirmation link opens: it asks for the password before creating anything. */
  async confirmation({ params, inertia }: HttpContext) {
    const record = await findUsableConfirmation('signup', String(params.token))
    return inertia.render('auth/confirm_signup', {
      token: String(params.token),
      email: record?.email ?? null,
    })
  }

  async confirm(ctx: HttpContext) {
    const { request, response, session, i18n } = ctx
    const payload = await request.validateUsing(confirmSignupValidator)
    const result = await confirmSignUp(payload, request.ip())
    switch (result.status) {
      case 'invalid_link':
        session.flash('error', i18n.t('auth.confirm.invalid'))
        return response.redirect().toRoute('session.create')
      case 'not_allowed':
        session.flash('error', i18n.t('auth.confirm.notAllowed'))
        return response.redirect().toRoute('session.create')
      case 'throttled':
        session.flash('error', i18n.t('auth.login.locked', { minutes: result.retryInMinutes }))
        return response.redirect().back()
      case 'wrong_password':
        throw formError('password', i18n.t('auth.confirm.wrongPassword'))
      case 'ok':
        return this.#welcome(ctx, result.user, result.next)
    }
  }

  async #welcome(ctx: HttpContext, user: Parameters<typeof signIn>[1], next: string | null) {
    await signIn(ctx, user)
    await auditRequest(ctx, { action: 'auth.signup', subjectType: 'user', subjectId: user.id })
    return ctx.response.redirect(safeNextPath(next))
  }

  #closed({ session, i18n, response }: HttpContext) {
    session.flash('error', i18n.t('auth.signup.closed'))
    return response.redirect().toRoute('session.create')
  }
}

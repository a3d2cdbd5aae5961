import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import { audit, auditRequest } from '#services/audit'
import { changePassword } from '#actions/accounts/change_credentials'
import { confirmEmailChange, requestEmailChange } from '#actions/accounts/change_email'
import { findUsableConfirmation } from '#services/accounts/account_confirmations'
import { rememberSessionEpoch } from '#services/session_epoch'
import {
  TIMEZONES,
  confirmEmailValidator,
  formError,
  updateEmailValidator,
  updatePasswordValidator,
  updateProfileValidator,
} from '#validators/accounts'

export default class ProfileController {
  async show({ auth, inertia }: HttpContext) {
    const user = auth.getUserOrFail()
    return inertia.render('profile/show', {
      profile: {
        fullName: user.fullName,
        email: user.email,
        locale: user.locale,
        timezone: user.timezone,
      },
      locales: i18nManager.supportedLocales(),
      timezones: TIMEZONES,
    })
  }

  async update({ auth, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const payload = await request.validateUsing(updateProfileValidator)
    await user.merge(payload).save()
    // The reply is already in the new language when the locale changed.
    session.flash('success', i18nManager.locale(user.locale).t('profile.details.saved'))
    return response.redirect().toRoute('profile.show')
  }

  /** Mails a link to the new address; the address changes only when it is opened. */
  async updateEmail(ctx: HttpContext) {
    const { auth, request, response, session, i18n } = ctx
    const user = auth.getUserOrFail()
    const payload = await request.validateUsing(updateEmailValidator)
    if (!(await user.verifyPassword(payload.currentPassword))) {
      throw formError('currentPassword', i18n.t('profile.wrongPassword'))
    }
    const result = await requestEmailChange(user, payload.email)
    if (result.status === 'throttled') {
      session.flash('error', i18n.t('auth.throttled', { minutes: result.retryInMinutes }))
      return response.redirect().toRoute('profile.show')
    }
    if (result.status === 'sent') {
      await auditRequest(ctx, {
        action: 'profile.email_change_requested',
        subjectType: 'user',
        subjectId: user.id,
        meta: { to: payload.email },
      })
    }
    session.flash(
      'success',
      i18n.t(result.status === 'sent' ? 'profile.email.sent' : 'profile.email.unchanged', {
        email: payload.email,
      })
    )
    return response.redirect().toRoute('profile.show')
  }

  /** The page a confirmation link opens (signed in or not): a button, so a mail scanner's GET changes nothing. */
  async emailConfirmation({ params, inertia }: HttpContext) {
    const record = await findUsableConfirmation('email_change', String(params.token))
    return inertia.render('auth/confirm_email', {
      token: String(params.token),
      email: record?.email ?? null,
    })
  }

  async confirmEmail(ctx: HttpContext) {
    const { request, response, session, auth } = ctx
    const { token } = await request.validateUsing(confirmEmailValidator)
    const result = await confirmEmailChange(token)
    if (result.status === 'invalid_link') {
      session.flash('error', ctx.i18n.t('profile.email.invalidLink'))
      return response.redirect().toRoute(auth.user ? 'profile.show' : 'session.create')
    }
    // The link may be opened signed out: the actor is the account whose address it confirms.
    await audit({
      action: 'profile.email_changed',
      actorId: result.user.id,
      subjectType: 'user',
      subjectId: result.user.id,
      meta: { from: result.previous, to: result.user.email },
      ip: request.ip(),
    })
    session.flash(
      'success',
      i18nManager.locale(result.user.locale).t('profile.email.saved', { email: result.user.email })
    )
    const own = auth.user?.id === result.user.id
    return response.redirect().toRoute(own ? 'profile.show' : 'session.create')
  }

  async updatePassword(ctx: HttpContext) {
    const { auth, request, response, session, i18n } = ctx
    const user = auth.getUserOrFail()
    const payload = await request.validateUsing(updatePasswordValidator)
    if (!(await user.verifyPassword(payload.currentPassword))) {
      throw formError('currentPassword', i18n.t('profile.wrongPassword'))
    }
    await changePassword(user, payload.password)
    session.regenerate()
    // Every other session of this account is now stale; this one carries on under the new epoch.
    rememberSessionEpoch(ctx, user)
    await auditRequest(ctx, {
      action: 'profile.password_changed',
      subjectType: 'user',
      subjectId: user.id,
    })
    session.flash('success', i18n.t('profile.password.saved'))
    return response.redirect().toRoute('profile.show')
  }
}

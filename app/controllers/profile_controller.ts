import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import { auditRequest } from '#services/audit'
import { changeEmail, changePassword } from '#actions/accounts/change_credentials'
import { rememberSessionEpoch } from '#services/session_epoch'
import {
  TIMEZONES,
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

  async updateEmail(ctx: HttpContext) {
    const { auth, request, response, session, i18n } = ctx
    const user = auth.getUserOrFail()
    const payload = await request.validateUsing(updateEmailValidator, { meta: { userId: user.id } })
    if (!(await user.verifyPassword(payload.currentPassword))) {
      throw formError('currentPassword', i18n.t('profile.wrongPassword'))
    }
    const previous = await changeEmail(user, payload.email)
    await auditRequest(ctx, {
      action: 'profile.email_changed',
      subjectType: 'user',
      subjectId: user.id,
      meta: { from: previous, to: user.email },
    })
    session.flash('success', i18n.t('profile.email.saved'))
    return response.redirect().toRoute('profile.show')
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

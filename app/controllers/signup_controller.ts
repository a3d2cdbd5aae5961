import type { HttpContext } from '@adonisjs/core/http'
import { signUp } from '#actions/accounts/sign_up'
import { auditRequest } from '#services/audit'
import { signupValidator } from '#validators/accounts'
import { safeNextPath } from '#services/safe_next_path'
import { signIn } from '#services/session_epoch'

export default class SignupController {
  async create({ inertia }: HttpContext) {
    return inertia.render('auth/signup', {})
  }

  async store(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(signupValidator)
    const user = await signUp({ ...payload, locale: ctx.i18n.locale })
    await signIn(ctx, user)
    await auditRequest(ctx, { action: 'auth.signup', subjectType: 'user', subjectId: user.id })
    return ctx.response.redirect(safeNextPath(ctx.request.input('next')))
  }
}

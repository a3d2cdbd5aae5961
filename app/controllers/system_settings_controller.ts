import type { HttpContext } from '@adonisjs/core/http'
import { auditRequest } from '#services/audit'
import { checkStorage, instanceSettings } from '#services/system/instance_settings'
import { sendTestMail } from '#actions/system/send_test_mail'

/** The instance settings page (read-only: settings live in `.env`) and its two checks. */
export default class SystemSettingsController {
  async show({ inertia, session }: HttpContext) {
    return inertia.render('system/settings', {
      settings: await instanceSettings(),
      storageCheck: (session.flashMessages.get('storageCheck') ?? null) as
        { ok: true; ms: number } | { ok: false; error: string } | null,
    })
  }

  async testMail(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    const result = await sendTestMail(user)
    await auditRequest(ctx, { action: 'system.test_mail', meta: { ok: result.ok } })
    if (result.ok)
      ctx.session.flash('success', ctx.i18n.t('system.settings.mail.sent', { email: user.email }))
    else
      ctx.session.flash('error', ctx.i18n.t('system.settings.mail.failed', { error: result.error }))
    return ctx.response.redirect().toRoute('system.settings')
  }

  async testStorage(ctx: HttpContext) {
    ctx.session.flash('storageCheck', await checkStorage())
    return ctx.response.redirect().toRoute('system.settings')
  }
}

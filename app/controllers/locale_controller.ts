import type { HttpContext } from '@adonisjs/core/http'
import { localeValidator } from '#validators/accounts'
import { LOCALE_COOKIE } from '#middleware/detect_locale_middleware'

export default class LocaleController {
  /**
   * Saves the chosen language on the account when signed in; the cookie is set
   * in every case so the choice also survives logging out.
   */
  async update({ auth, request, response }: HttpContext) {
    const { locale } = await request.validateUsing(localeValidator)
    if (auth.user && auth.user.locale !== locale) {
      auth.user.locale = locale
      await auth.user.save()
    }
    response.cookie(LOCALE_COOKIE, locale, { maxAge: '1y', httpOnly: true, sameSite: 'lax' })
    return response.redirect().back()
  }
}

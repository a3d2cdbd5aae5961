import { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import type { NextFn } from '@adonisjs/core/types/http'
import { type HttpContext, RequestValidator } from '@adonisjs/core/http'

/** Signed cookie holding a guest's language choice (set by POST /locale). */
export const LOCALE_COOKIE = 'locale'

/**
 * Picks the language of the request: the signed-in user's saved locale first,
 * then the language chosen with the switch (cookie), then the browser's
 * Accept-Language, then the default.
 */
export default class DetectLocaleMiddleware {
  static {
    RequestValidator.messagesProvider = (ctx) => ctx.i18n.createMessagesProvider()
  }

  protected locale(ctx: HttpContext) {
    const supported = i18nManager.supportedLocales()
    const saved = ctx.auth?.user?.locale
    if (saved && supported.includes(saved)) return saved
    const chosen = ctx.request.cookie(LOCALE_COOKIE)
    if (typeof chosen === 'string' && supported.includes(chosen)) return chosen
    return i18nManager.getSupportedLocaleFor(ctx.request.languages()) ?? i18nManager.defaultLocale
  }

  async handle(ctx: HttpContext, next: NextFn) {
    ctx.i18n = i18nManager.locale(this.locale(ctx))
    ctx.containerResolver.bindValue(I18n, ctx.i18n)
    if ('view' in ctx) ctx.view.share({ i18n: ctx.i18n })
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    i18n: I18n
  }
}

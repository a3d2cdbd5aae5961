import { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import type { NextFn } from '@adonisjs/core/types/http'
import { type HttpContext, RequestValidator } from '@adonisjs/core/http'

/**
 * Picks the language of the request: the signed-in user's saved locale first,
 * then the browser's Accept-Language, then the default.
 */
export default class DetectLocaleMiddleware {
  static {
    RequestValidator.messagesProvider = (ctx) => ctx.i18n.createMessagesProvider()
  }

  protected locale(ctx: HttpContext) {
    const saved = ctx.auth?.user?.locale
    if (saved && i18nManager.supportedLocales().includes(saved)) return saved
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

import app from '@adonisjs/core/services/app'
import { ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import DetectLocaleMiddleware from '#middleware/detect_locale_middleware'

export default class HttpExceptionHandler extends ExceptionHandler {
  /** Stack traces only in development; production and tests see the product's own pages. */
  protected debug = app.inDev
  protected renderStatusPages = true

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '403': (_, { inertia }) => inertia.render('errors/forbidden', {}),
    // An unmatched URL never reaches the router middleware: pick its language here (cookie, Accept-Language).
    '404': async (_, ctx) => {
      if (!ctx.i18n) await new DetectLocaleMiddleware().handle(ctx, async () => {})
      return ctx.inertia.render('errors/not_found', {})
    },
    '500..599': (_, { inertia }) => inertia.render('errors/server_error', {}),
  }
}

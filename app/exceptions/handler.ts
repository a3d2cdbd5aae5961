import app from '@adonisjs/core/services/app'
import { ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import { withErrorPageContext } from '#exceptions/error_page_context'

export default class HttpExceptionHandler extends ExceptionHandler {
  /** Stack traces only in development; production and tests see the product's own pages. */
  protected debug = app.inDev
  protected renderStatusPages = true

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '403': (_, ctx) => withErrorPageContext(ctx, () => ctx.inertia.render('errors/forbidden', {})),
    // An unmatched URL never reaches the router middleware: the context helper runs it (user, language).
    '404': (_, ctx) => withErrorPageContext(ctx, () => ctx.inertia.render('errors/not_found', {})),
    // Nothing more than needed here: a failing database must not break the page that reports it.
    '500..599': (_, { inertia }) => inertia.render('errors/server_error', {}),
  }
}

import type { HttpContext } from '@adonisjs/core/http'
import { openApiDocument } from '#services/api/openapi'
import { sendApiError, notFound } from '#services/api/errors'

/** The public description of /api/v1; readable without a token. */
export default class ApiOpenApiController {
  async show({ response }: HttpContext) {
    response.header('cache-control', 'public, max-age=300')
    return response.json(openApiDocument)
  }

  /** Any other /api/v1 path: the documented 404, not the app's HTML page. */
  async missing(ctx: HttpContext) {
    return sendApiError(ctx, notFound('Endpoint'))
  }
}

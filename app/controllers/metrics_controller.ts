import type { HttpContext } from '@adonisjs/core/http'
import NotFoundException from '#exceptions/not_found_exception'
import { hasMetricsToken, metricsConfig } from '#services/telemetry/metrics_access'

export default class MetricsController {
  /**
   * Prometheus exposition of this web process, plus the queue depths. 404 while metrics are
   * off (no METRICS_TOKEN), 401 without the token: volumes and error rates are not public.
   */
  async handle({ request, response }: HttpContext) {
    const { token } = metricsConfig()
    if (!token) throw new NotFoundException()
    if (!hasMetricsToken(request.header('authorization'), token)) {
      response.header('WWW-Authenticate', 'Bearer realm="metrics"')
      return response.status(401).send('metrics token required\n')
    }
    const [{ scrape }, { registerQueueDepths }] = await Promise.all([
      import('#services/telemetry/metrics'),
      import('#services/telemetry/queue_depths'),
    ])
    registerQueueDepths()
    const { body, contentType } = await scrape()
    response.header('Content-Type', contentType).header('Cache-Control', 'no-store')
    return response.send(body)
  }
}

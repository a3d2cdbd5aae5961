import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { HealthService } from '#services/health/health_service'

export default class HealthController {
  /**
   * 200 only when the database, Redis and at least one worker (heartbeat younger than
   * WORKER_HEARTBEAT_SECONDS) are alive; 503 otherwise. Without a worker nothing gets
   * published, which an uptime monitor must see as an outage, not as a 200: the body's
   * `status` ('degraded' without a worker, 'down' without the database or Redis) and
   * `checks` say which part failed.
   */
  async handle({ response }: HttpContext) {
    const report = await (await app.container.make(HealthService)).run()
    response.header('Cache-Control', 'no-store')
    return response.status(report.status === 'ok' ? 200 : 503).json(report)
  }
}

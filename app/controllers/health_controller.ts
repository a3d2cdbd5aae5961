import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { HealthService } from '#services/health/health_service'

export default class HealthController {
  /**
   * 200 while the database and Redis answer, 503 otherwise. A missing worker is reported
   * as 'degraded' but still 200: the web process itself can serve every request, and a
   * load balancer should not pull healthy web replicas because the worker is down.
   * Monitoring alerts on `status` / `checks.worker.ok` instead.
   */
  async handle({ response }: HttpContext) {
    const report = await (await app.container.make(HealthService)).run()
    response.header('Cache-Control', 'no-store')
    return response.status(report.status === 'down' ? 503 : 200).json(report)
  }
}

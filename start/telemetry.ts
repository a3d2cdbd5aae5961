/**
 * Web process telemetry, switched on by its settings only: metrics with METRICS_TOKEN (the
 * worker starts its own in queue:work). Nothing is imported while they are off.
 */
import { metricsConfig } from '#services/telemetry/metrics_access'

if (metricsConfig().token) {
  const { startMetrics } = await import('#services/telemetry/metrics')
  startMetrics()
}

/**
 * Web process telemetry, switched on by its settings only: metrics with METRICS_TOKEN, tracing
 * with the standard OTEL_* settings (the worker starts its own in queue:work). Nothing is
 * imported while they are off.
 */
import app from '@adonisjs/core/services/app'
import { metricsConfig } from '#services/telemetry/metrics_access'
import { tracingRequested } from '#services/telemetry/tracing'

if (metricsConfig().token) {
  const { startMetrics } = await import('#services/telemetry/metrics')
  startMetrics()
}

if (tracingRequested()) {
  const { startTracing, stopTracing } = await import('#services/telemetry/tracing')
  await startTracing('web')
  // Spans still buffered leave before the process does.
  app.terminating(() => stopTracing())
}

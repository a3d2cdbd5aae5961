import env from '#start/env'

/**
 * Prometheus metrics (app/services/telemetry/metrics.ts). Off unless a token is set: an
 * install that does not scrape pays nothing, and an open /metrics would tell anyone the
 * install's volumes.
 */
export interface MetricsConfig {
  /** Bearer token /metrics requires; null = metrics off. Read at call time so tests can set it. */
  token: string | null
  /** A worker's own metrics listener (null = none). */
  workerPort: number | null
  workerHost: string
}

const metricsConfig: MetricsConfig = {
  token: env.get('METRICS_TOKEN')?.release() || null,
  workerPort: env.get('METRICS_PORT') ?? null,
  workerHost: env.get('METRICS_HOST', '127.0.0.1'),
}

export default metricsConfig

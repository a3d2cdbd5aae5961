import client from 'prom-client'
import emitter from '@adonisjs/core/services/emitter'
import type { DeliveryStatusChanged } from '#services/publishing/events'
import { telemetryHooks } from '#services/telemetry/hooks'

/**
 * The process's Prometheus metrics. Created by `startMetrics()` only when metrics are on
 * (METRICS_TOKEN), then fed by the telemetry hooks and the delivery events, never by edits in
 * the code they observe. Every label is bounded: networks and queues are ids from the code,
 * job names and routes are patterns, statuses are classes — never a user, post or account id.
 */
const SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600]
const FAST_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
const FINAL = new Set(['published', 'failed', 'unknown'])

/** A label value from outside the code (a job name in Redis): kept when it looks like an id. */
const bounded = (value: string) => (/^[a-z][a-z0-9_-]{0,40}$/i.test(value) ? value : 'other')
const statusClass = (status: number | 'error') =>
  status === 'error' ? 'error' : `${Math.floor(status / 100)}xx`

function build() {
  const registry = new client.Registry()
  client.collectDefaultMetrics({ register: registry, prefix: 'pistache_' })
  const metrics = {
    lateness: new client.Histogram({
      name: 'pistache_publish_lateness_seconds',
      help: "From a delivery's due time to the network's final answer",
      labelNames: ['network', 'outcome'],
      buckets: SECONDS,
      registers: [registry],
    }),
    deliveries: new client.Counter({
      name: 'pistache_deliveries_total',
      help: 'Deliveries that reached a final status, by network and outcome',
      labelNames: ['network', 'outcome'],
      registers: [registry],
    }),
    errors: new client.Counter({
      name: 'pistache_delivery_errors_total',
      help: 'Deliveries that ended failed or unknown, by network and problem kind',
      labelNames: ['network', 'kind'],
      registers: [registry],
    }),
    jobs: new client.Histogram({
      name: 'pistache_job_duration_seconds',
      help: 'Queue job run time in this worker, by queue, job and outcome',
      labelNames: ['queue', 'job', 'outcome'],
      buckets: FAST_SECONDS.concat([30, 60, 300]),
      registers: [registry],
    }),
    answers: new client.Counter({
      name: 'pistache_network_responses_total',
      help: "Networks' HTTP answers by status class (error: no answer)",
      labelNames: ['network', 'status_class'],
      registers: [registry],
    }),
    refreshes: new client.Counter({
      name: 'pistache_token_refreshes_total',
      help: 'Token refreshes by network and result',
      labelNames: ['network', 'result'],
      registers: [registry],
    }),
    transcodes: new client.Histogram({
      name: 'pistache_media_transcode_seconds',
      help: 'Media variant builds (image resize, video transcode) by kind and outcome',
      labelNames: ['kind', 'outcome'],
      buckets: FAST_SECONDS.concat([30, 60, 300]),
      registers: [registry],
    }),
    http: new client.Histogram({
      name: 'pistache_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern and status class',
      labelNames: ['method', 'route', 'status_class'],
      buckets: FAST_SECONDS,
      registers: [registry],
    }),
  }
  return { registry, metrics }
}

type Built = ReturnType<typeof build>
let built: Built | null = null

function onDelivery(event: DeliveryStatusChanged) {
  if (!built || !FINAL.has(event.status)) return
  const labels = { network: bounded(event.network), outcome: event.status }
  built.metrics.deliveries.inc(labels)
  if (event.dueAtMs !== null && event.dueAtMs !== undefined)
    built.metrics.lateness.observe(labels, Math.max(0, Date.parse(event.at) - event.dueAtMs) / 1000)
  if (event.status === 'failed' || event.status === 'unknown')
    built.metrics.errors.inc({ network: labels.network, kind: bounded(event.errorKind ?? 'other') })
}

/** Turns metrics on in this process (idempotent) and returns its registry. */
export function startMetrics() {
  if (built) return built.registry
  built = build()
  const { metrics } = built
  telemetryHooks.jobFinished = (job) => {
    if (job.durationMs === null) return
    metrics.jobs.observe(
      { queue: job.queue, job: bounded(job.name), outcome: job.outcome },
      job.durationMs / 1000
    )
  }
  telemetryHooks.networkAnswer = (network, status) =>
    metrics.answers.inc({ network: bounded(network), status_class: statusClass(status) })
  telemetryHooks.tokenRefresh = (network, result) =>
    metrics.refreshes.inc({ network: bounded(network), result: bounded(result) })
  telemetryHooks.mediaTranscode = (kind, durationMs, ok) =>
    metrics.transcodes.observe(
      { kind: bounded(kind), outcome: ok ? 'ok' : 'error' },
      durationMs / 1000
    )
  telemetryHooks.httpRequest = (request) =>
    metrics.http.observe(
      {
        method: bounded(request.method),
        route: request.route,
        status_class: statusClass(request.status),
      },
      request.durationMs / 1000
    )
  emitter.on('delivery:status_changed', onDelivery)
  return built.registry
}

/** Adds a gauge whose value is read at scrape time (the queue depths, on the web process). */
export function addScrapeGauge(
  name: string,
  help: string,
  labelNames: string[],
  read: () => Promise<{ labels: Record<string, string>; value: number }[]>
) {
  const registry = startMetrics()
  if (registry.getSingleMetric(name)) return
  new client.Gauge({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      this.reset()
      for (const { labels, value } of await read()) this.set(labels, value)
    },
  })
}

/** The exposition text and its content type. */
export async function scrape() {
  const registry = startMetrics()
  return { body: await registry.metrics(), contentType: registry.contentType }
}

/** Turns metrics off again (tests): the hooks go back to null, the values are forgotten. */
export function stopMetrics() {
  if (!built) return
  emitter.off('delivery:status_changed', onDelivery)
  for (const key of Object.keys(telemetryHooks) as (keyof typeof telemetryHooks)[])
    telemetryHooks[key] = null
  built.registry.clear()
  built = null
}

/**
 * OpenTelemetry tracing, switched on by the standard settings only: an OTLP endpoint
 * (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), or
 * OTEL_TRACES_EXPORTER=otlp for the default http://localhost:4318. Without them nothing of
 * OpenTelemetry is imported. Spans leave over OTLP/HTTP (JSON), batched; the exporter reads
 * its own OTEL_EXPORTER_OTLP_* settings (endpoint, headers, timeout), the resource reads
 * OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, and OTEL_TRACES_SAMPLER(_ARG) is honoured.
 */
import { installTracer } from '#services/telemetry/spans'

type Env = Record<string, string | undefined>

export function tracingRequested(env: Env = process.env) {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false
  const exporters = env.OTEL_TRACES_EXPORTER?.split(',').map((name) => name.trim())
  if (exporters && !exporters.includes('otlp')) return false
  return Boolean(
    exporters?.includes('otlp') ||
    env.OTEL_EXPORTER_OTLP_ENDPOINT ||
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
  )
}

interface Running {
  shutdown(): Promise<void>
  flush(): Promise<void>
}

let running: Running | null = null

/**
 * Registers the tracer provider for this process (`web` or `worker` as the default service
 * name). Idempotent; returns false when tracing is not requested.
 */
export async function startTracing(role: 'web' | 'worker', env: Env = process.env) {
  if (running) return true
  if (!tracingRequested(env)) return false
  const [api, sdk, { AsyncLocalStorageContextManager }, { OTLPTraceExporter }, core, resources] =
    await Promise.all([
      import('@opentelemetry/api'),
      import('@opentelemetry/sdk-trace'),
      import('@opentelemetry/context-async-hooks'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/core'),
      import('@opentelemetry/resources'),
    ])
  const { appVersion } = await import('#queue/worker_heartbeat')

  const resource = resources
    .resourceFromAttributes({
      'service.name': `pistache-postiz-${role}`,
      'service.version': appVersion,
      'process.pid': process.pid,
    })
    .merge(resources.detectResources({ detectors: [resources.envDetector] }))
  const provider = new sdk.TracerProvider({
    resource,
    sampler: samplerFrom(sdk, env),
    spanProcessors: [new sdk.BatchSpanProcessor({ exporter: new OTLPTraceExporter() })],
  })
  const contextManager = new AsyncLocalStorageContextManager().enable()
  api.context.setGlobalContextManager(contextManager)
  api.propagation.setGlobalPropagator(new core.W3CTraceContextPropagator())
  api.trace.setGlobalTracerProvider(provider)
  installTracer({ api, tracer: provider.getTracer('pistache-postiz', appVersion) })

  running = {
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      installTracer(null)
      await provider.shutdown().catch(() => {})
      api.trace.disable()
      api.propagation.disable()
      api.context.disable()
    },
  }
  return true
}

/** Sends what is buffered (a test, a process about to exit). */
export async function flushTracing() {
  await running?.flush()
}

/** Flushes and unregisters; tracing can be started again afterwards. */
export async function stopTracing() {
  const current = running
  running = null
  await current?.shutdown()
}

type Sdk = typeof import('@opentelemetry/sdk-trace')

/** OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG, with the specification's default (parent-based, always on). */
function samplerFrom(sdk: Sdk, env: Env) {
  const ratio = Number.parseFloat(env.OTEL_TRACES_SAMPLER_ARG ?? '1')
  const byRatio = new sdk.TraceIdRatioBasedSampler(Number.isFinite(ratio) ? ratio : 1)
  switch (env.OTEL_TRACES_SAMPLER?.trim()) {
    case 'always_off':
      return new sdk.AlwaysOffSampler()
    case 'always_on':
      return new sdk.AlwaysOnSampler()
    case 'traceidratio':
      return byRatio
    case 'parentbased_always_off':
      return new sdk.ParentBasedSampler({ root: new sdk.AlwaysOffSampler() })
    case 'parentbased_traceidratio':
      return new sdk.ParentBasedSampler({ root: byRatio })
    default:
      return new sdk.ParentBasedSampler({ root: new sdk.AlwaysOnSampler() })
  }
}

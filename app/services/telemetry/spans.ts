/**
 * The spans the app opens by hand: an HTTP request, a job, a network call. While tracing is
 * off (no OTEL_* settings) `inSpan` only calls its work: nothing of OpenTelemetry is loaded,
 * the API included. `tracing.ts` installs the tracer when the settings ask for it.
 */
import type * as Api from '@opentelemetry/api'

/** Attribute names the app adds beside OpenTelemetry's semantic conventions. */
export const ATTR = {
  deliveryId: 'pistache.delivery.id',
  postId: 'pistache.post.id',
  workspaceId: 'pistache.workspace.id',
  network: 'pistache.network',
} as const

export interface SpanOptions {
  kind?: 'server' | 'client' | 'consumer' | 'producer' | 'internal'
  attributes?: Api.Attributes
  /** Continue a trace that came with the request (W3C `traceparent` header). */
  carrier?: Record<string, string | string[] | undefined>
  /** Link to the span that queued this work (a job's producer), without making it the parent. */
  linkedTo?: Record<string, string> | null
}

interface Installed {
  api: typeof Api
  tracer: Api.Tracer
}

let installed: Installed | null = null

/** Called by tracing.ts once the SDK is registered (null when it stops). */
export function installTracer(next: Installed | null) {
  installed = next
}

export const tracingActive = () => installed !== null

const KINDS = { server: 1, client: 2, producer: 3, consumer: 4, internal: 0 } as const

/**
 * Runs `work` inside a span that is the current one for everything `work` starts (child
 * spans, log lines); the span ends when `work` settles, marked as an error if it throws.
 * `work` receives the span to add what it learns (a status code); a no-op while tracing is off.
 */
export function inSpan<T>(
  name: string,
  options: SpanOptions,
  work: (span: SpanHandle) => Promise<T> | T
): Promise<T> | T {
  if (!installed) return work(NO_SPAN)
  const { api, tracer } = installed
  const parent = options.carrier
    ? api.propagation.extract(api.context.active(), options.carrier)
    : api.context.active()
  const producer = options.linkedTo
    ? api.trace.getSpanContext(api.propagation.extract(api.ROOT_CONTEXT, options.linkedTo))
    : undefined
  const span = tracer.startSpan(
    name,
    {
      kind: KINDS[options.kind ?? 'internal'],
      attributes: options.attributes,
      links: producer ? [{ context: producer }] : [],
    },
    parent
  )
  const handle = spanHandle(span, api)
  const fail = (error: unknown) => {
    handle.fail(error)
    span.end()
    throw error
  }
  return api.context.with(api.trace.setSpan(parent, span), () => {
    let result: Promise<T> | T
    try {
      result = work(handle)
    } catch (error) {
      return fail(error)
    }
    if (!(result instanceof Promise)) {
      span.end()
      return result
    }
    return result.then((value) => {
      span.end()
      return value
    }, fail)
  })
}

/** What a span's owner may add while it runs. */
export interface SpanHandle {
  set(attributes: Api.Attributes): void
  rename(name: string): void
  fail(error: unknown): void
}

const NO_SPAN: SpanHandle = { set() {}, rename() {}, fail() {} }

function spanHandle(span: Api.Span, api: typeof Api): SpanHandle {
  return {
    set: (attributes) => span.setAttributes(attributes),
    rename: (name) => span.updateName(name),
    fail: (error) => {
      const message = error instanceof Error ? error.message : String(error)
      span.setStatus({ code: api.SpanStatusCode.ERROR, message })
      if (error instanceof Error) span.recordException(error)
    },
  }
}

/**
 * The current span's W3C trace context (`{ traceparent }`), for work queued from here to link
 * back to it; null while tracing is off or outside any span.
 */
export function currentTraceCarrier(): Record<string, string> | null {
  if (!installed) return null
  const carrier: Record<string, string> = {}
  installed.api.propagation.inject(installed.api.context.active(), carrier)
  return carrier.traceparent ? carrier : null
}

/** Adds attributes to the span current here (the job's, a request's); nothing without one. */
export function tagCurrentSpan(attributes: Api.Attributes) {
  if (!installed) return
  installed.api.trace.getActiveSpan()?.setAttributes(attributes)
}

/** A job's consumer span, named like OpenTelemetry's messaging conventions ask. */
export function jobSpanOptions(
  queue: string,
  job: string,
  jobId: string | undefined,
  attempt: number
): SpanOptions {
  return {
    kind: 'consumer',
    attributes: {
      'messaging.system': 'bullmq',
      'messaging.operation.type': 'process',
      'messaging.destination.name': queue,
      'messaging.message.id': jobId ?? '',
      'pistache.job.name': job,
      'pistache.job.attempt': attempt,
    },
  }
}

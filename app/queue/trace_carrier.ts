import { currentTraceCarrier } from '#services/telemetry/spans'

/**
 * While tracing is on, a job queued inside a span (a request, another job) carries that span's
 * W3C context in its data, under one reserved key, so the job's span links back to it (a link,
 * not a parent: a publish may run hours after the request that scheduled it). The worker takes
 * it out again before the job sees its payload. Off, payloads are stored untouched.
 */
const FIELD = '__trace'

export function withTraceCarrier(payload: unknown) {
  const carrier = currentTraceCarrier()
  if (!carrier || !isRecord(payload)) return payload
  return { ...payload, [FIELD]: carrier }
}

export function takeTraceCarrier(data: unknown): {
  payload: unknown
  carrier: Record<string, string> | null
} {
  if (!isRecord(data) || !isRecord(data[FIELD])) return { payload: data, carrier: null }
  const { [FIELD]: carrier, ...payload } = data
  return { payload, carrier: carrier as Record<string, string> }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Where the app reports what telemetry counts, without knowing whether anything listens.
 * Each hook is null until the metrics module (or a tracer) installs a sink, so the code that
 * calls them — the worker runner, the plugins' HTTP clients, token refreshes, the HTTP
 * middleware — pays one null check when telemetry is off and imports nothing heavy.
 * Labels passed here must be bounded: a queue, a job or network name, never a user or post id.
 */
export interface JobFinished {
  queue: string
  name: string
  outcome: 'completed' | 'failed'
  /** From the job's start to its end in this worker; null when BullMQ did not say. */
  durationMs: number | null
  /** The job scheduler (repeatable job) this run belongs to, if any. */
  schedulerKey: string | null
  finishedAt: number
}

export interface TelemetryHooks {
  jobFinished: ((job: JobFinished) => void) | null
  /** A network's HTTP answer: its status code, or 'error' when no answer came. */
  networkAnswer: ((network: string, status: number | 'error') => void) | null
  tokenRefresh: ((network: string, result: string) => void) | null
  httpRequest:
    | ((request: { method: string; route: string; status: number; durationMs: number }) => void)
    | null
  mediaTranscode: ((kind: string, durationMs: number, ok: boolean) => void) | null
}

export const telemetryHooks: TelemetryHooks = {
  jobFinished: null,
  networkAnswer: null,
  tokenRefresh: null,
  httpRequest: null,
  mediaTranscode: null,
}

/** Calls a hook without letting a telemetry bug reach the code being observed. */
export function report<A extends unknown[]>(hook: ((...args: A) => void) | null, ...args: A) {
  if (!hook) return
  try {
    hook(...args)
  } catch {}
}

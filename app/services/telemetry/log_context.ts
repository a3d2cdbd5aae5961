import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * What every log line written while handling one job (or one delivery) carries, whoever
 * writes it: the job's own logger, a service's `logger.warn`, a plugin crash reported by the
 * runner. The logger's mixin (config/logger.ts) reads it at each line, so no call site has to
 * pass ids along. Fields are filled in as they become known (a delivery's post and workspace
 * once it is loaded), in place, for the rest of the job.
 */
export interface LogFields {
  queue?: string
  job?: string
  jobId?: string
  deliveryId?: number
  postId?: number
  workspaceId?: number
}

const storage = new AsyncLocalStorage<LogFields>()

/** Runs `work` with its own log fields; nested work sees (and extends) the same object. */
export function runWithLogFields<T>(fields: LogFields, work: () => T): T {
  return storage.run({ ...fields }, work)
}

/** Adds fields to the current job's log context; outside one, does nothing. */
export function addLogFields(fields: LogFields) {
  const current = storage.getStore()
  if (current) Object.assign(current, fields)
}

/** The pino mixin: the current context's fields, or nothing outside a job. */
export function logFieldsMixin(): LogFields {
  return storage.getStore() ?? {}
}

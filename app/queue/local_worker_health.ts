import { hostname } from 'node:os'
import { readLiveWorkers, type HeartbeatReader } from '#queue/worker_heartbeat'

export interface LocalWorkerHealth {
  ok: boolean
  /** One line for a container healthcheck's log. */
  reason: string
}

/**
 * Is a queue worker running on this host? True when one of the heartbeats written from this
 * host is younger than `windowMs`. A container's hostname is its own, so in Docker this
 * answers for the worker of that container only; a worker whose event loop is wedged stops
 * beating and turns this false after one window.
 */
export async function checkLocalWorker(
  redis: HeartbeatReader,
  options: { prefix: string; windowMs: number; host?: string }
): Promise<LocalWorkerHealth> {
  const host = options.host ?? hostname()
  const seconds = Math.round(options.windowMs / 1000)
  const local = (await readLiveWorkers(redis, options.prefix, options.windowMs)).filter(
    (worker) => worker.host === host
  )
  const newest = local[0]
  if (!newest)
    return { ok: false, reason: `no worker heartbeat from ${host} in the last ${seconds} s` }
  const ageSeconds = Math.max(0, (Date.now() - Date.parse(newest.lastHeartbeatAt)) / 1000)
  return {
    ok: true,
    reason: `worker ${newest.pid} on ${host} beat ${ageSeconds.toFixed(1)} s ago (queues: ${newest.queues.join(', ')})`,
  }
}

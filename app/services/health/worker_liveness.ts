import type { HealthCheckContract, HealthCheckResult } from '@adonisjs/core/types/health'
import { runTimed } from '#services/health/timed_check'

/** The worker heartbeat check against the app's own Redis and queue settings. */
export async function appWorkerCheck(): Promise<HealthCheckContract> {
  const [{ default: redis }, { default: app }, { WorkerCheck }] = await Promise.all([
    import('@adonisjs/redis/services/main'),
    import('@adonisjs/core/services/app'),
    import('#services/health/worker_check'),
  ])
  const queue = app.config.get<{ prefix: string; heartbeat: { ttlSeconds: number } }>('queue')
  return new WorkerCheck(redis.connection(), queue.prefix, queue.heartbeat.ttlSeconds * 1000)
}

/** The one rule for "a worker is alive", shared by /health and the pages' banner. */
export const isWorkerAlive = (result: HealthCheckResult) => result.status === 'ok'

/**
 * Whether a worker is alive, as /health judges it. For every signed-in page (the "no worker"
 * banner), so it answers within `timeoutMs`: a Redis that does not answer counts as no worker,
 * which is what publishing sees too.
 */
export async function workerAlive(timeoutMs = 500) {
  const { result } = await runTimed(await appWorkerCheck(), timeoutMs)
  return isWorkerAlive(result)
}

import type { HealthCheckContract } from '@adonisjs/core/types/health'
import { runTimed } from '#services/health/timed_check'
import { appWorkerCheck, isWorkerAlive } from '#services/health/worker_liveness'

export type HealthStatus = 'ok' | 'degraded' | 'down'

export interface HealthReport {
  status: HealthStatus
  checks: {
    database: { ok: boolean; latencyMs: number }
    redis: { ok: boolean; latencyMs: number }
    worker: { ok: boolean; lastHeartbeatAt: string | null; queues: string[] }
  }
}

export interface HealthChecksSet {
  database: HealthCheckContract
  redis: HealthCheckContract
  worker: HealthCheckContract
}

/**
 * Runs the three checks in parallel and reduces them to what /health shows. Only booleans,
 * timings and queue names leave this class: the checks' own messages can contain hosts and
 * ports (connection errors), so they are dropped.
 */
export class HealthService {
  /** Without `checks`, the app's own connections are checked. */
  constructor(private options: { checks?: HealthChecksSet; timeoutMs?: number } = {}) {}

  async run(): Promise<HealthReport> {
    const checks = this.options.checks ?? (await defaultChecks())
    const timeoutMs = this.options.timeoutMs ?? 2000
    const [database, redis, worker] = await Promise.all([
      runTimed(checks.database, timeoutMs),
      runTimed(checks.redis, timeoutMs),
      runTimed(checks.worker, timeoutMs),
    ])
    const workerAlive = isWorkerAlive(worker.result)
    const status: HealthStatus =
      !database.ok || !redis.ok ? 'down' : workerAlive ? 'ok' : 'degraded'
    return {
      status,
      checks: {
        database: { ok: database.ok, latencyMs: database.latencyMs },
        redis: { ok: redis.ok, latencyMs: redis.latencyMs },
        worker: {
          ok: workerAlive,
          lastHeartbeatAt: worker.result.meta?.lastHeartbeatAt ?? null,
          queues: worker.result.meta?.queues ?? [],
        },
      },
    }
  }
}

/** Lucid's and @adonisjs/redis's own checks against the app's connections, plus the worker heartbeat. */
async function defaultChecks(): Promise<HealthChecksSet> {
  const [{ default: db }, { DbCheck }, { default: redis }, { RedisCheck }] = await Promise.all([
    import('@adonisjs/lucid/services/db'),
    import('@adonisjs/lucid/database'),
    import('@adonisjs/redis/services/main'),
    import('@adonisjs/redis'),
  ])
  return {
    database: new DbCheck(db.connection()),
    redis: new RedisCheck(redis.connection()),
    worker: await appWorkerCheck(),
  }
}

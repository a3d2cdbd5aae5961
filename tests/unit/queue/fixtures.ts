/** Shared by the queue tests: a private key prefix per test, tiny backoffs, and test-only jobs. */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import app from '@adonisjs/core/services/app'
import redis from '@adonisjs/redis/services/main'
import type { Logger } from '@adonisjs/core/logger'
import { BaseJob, type JobContext } from '#queue/base_job'
import { JobRegistry } from '#queue/job_registry'
import { type QueueManager } from '#queue/queue_manager'
import { WorkerRunner, type WorkerRunnerOptions } from '#queue/worker_runner'
import type { QueueConfig } from '#queue/types'
import { audit } from '#services/audit'

export const BACKOFF_MS = 150

/** The app's queue config with a prefix of its own (under QUEUE_PREFIX) and fast retries. */
export function testQueueConfig(): QueueConfig {
  const base = app.config.get<QueueConfig>('queue')
  const jobOptions = {
    attempts: 3,
    backoff: { type: 'exponential', delay: BACKOFF_MS },
    removeOnComplete: false,
  }
  return {
    ...base,
    // Under the run's prefix (`<prefix>:t-<id>`), so the guarded reset still sees it as ours.
    prefix: `${base.prefix}:t-${randomUUID().slice(0, 8)}`,
    queues: {
      publish: { concurrency: 2, defaultJobOptions: jobOptions },
      media: { concurrency: 1, defaultJobOptions: jobOptions },
      stats: { concurrency: 1, defaultJobOptions: jobOptions },
      purge: { concurrency: 1, defaultJobOptions: jobOptions },
      webhooks: { concurrency: 1, defaultJobOptions: jobOptions },
      automation: { concurrency: 1, defaultJobOptions: jobOptions },
    },
    shutdownTimeoutMs: 5000,
  }
}

/** Runs once per dispatch; its effect is a row in the real database. */
export class RecordJob extends BaseJob<{ label: string }> {
  static queue = 'publish' as const
  static jobName = 'test_record'
  async handle({ label }: { label: string }, { attempt }: JobContext) {
    await audit({ action: 'test.job_ran', meta: { label, attempt } })
  }
}

/** Fails `failTimes` times, then succeeds; records when each attempt started. */
export const flakyAttempts = new Map<string, number[]>()
export class FlakyJob extends BaseJob<{ key: string; failTimes: number }> {
  static queue = 'publish' as const
  static jobName = 'test_flaky'
  async handle({ key, failTimes }: { key: string; failTimes: number }, { attempt }: JobContext) {
    flakyAttempts.set(key, [...(flakyAttempts.get(key) ?? []), Date.now()])
    if (attempt <= failTimes) throw new Error(`planned failure ${attempt}`)
    return 'done'
  }
}

/** Takes `ms` to finish; records its start and end. */
export const slowRuns = new Map<string, { startedAt: number; finishedAt?: number }>()
export class SlowJob extends BaseJob<{ key: string; ms: number }> {
  static queue = 'media' as const
  static jobName = 'test_slow'
  async handle({ key, ms }: { key: string; ms: number }) {
    slowRuns.set(key, { startedAt: Date.now() })
    await sleep(ms)
    slowRuns.get(key)!.finishedAt = Date.now()
  }
}

export const testRegistry = new JobRegistry({
  test_record: async () => ({ default: RecordJob }),
  test_flaky: async () => ({ default: FlakyJob }),
  test_slow: async () => ({ default: SlowJob }),
})

export interface LogEntry {
  level: string
  bindings: Record<string, unknown>
  message: string
}

/** A Logger stand-in that keeps what it is given, so tests can assert on failure logs. */
export function capturingLogger() {
  const entries: LogEntry[] = []
  const make = (bindings: Record<string, unknown>): Logger => {
    const write = (level: string) => (objOrMsg: unknown, msg?: string) => {
      const isObj = typeof objOrMsg === 'object' && objOrMsg !== null
      entries.push({
        level,
        bindings: { ...bindings, ...(isObj ? (objOrMsg as object) : {}) },
        message: isObj ? (msg ?? '') : String(objOrMsg),
      })
    }
    return {
      trace: write('trace'),
      debug: write('debug'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
      fatal: write('fatal'),
      child: (more: Record<string, unknown>) => make({ ...bindings, ...more }),
    } as unknown as Logger
  }
  return { logger: make({}), entries }
}

/** Starts a real WorkerRunner on `manager`'s config; the caller stops it in cleanup. */
export async function startRunner(
  manager: QueueManager,
  options: Partial<WorkerRunnerOptions> = {}
) {
  const { logger, entries } = capturingLogger()
  const runner = new WorkerRunner({
    manager,
    registry: testRegistry,
    logger,
    redis: redis.connection(),
    heartbeat: { ttlMs: 1000, intervalMs: 200 },
    ...options,
  })
  await runner.start()
  return { runner, logs: entries }
}

export async function waitFor<T>(
  probe: () => Promise<T> | T,
  timeoutMs = 4000,
  stepMs = 25
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await sleep(stepMs)
  }
}

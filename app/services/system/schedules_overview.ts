import redis from '@adonisjs/redis/services/main'
import type { QueueManager } from '#queue/queue_manager'
import { QUEUE_NAMES } from '#queue/types'
import { schedulerRunsKey } from '#queue/worker_runner'

export interface ScheduleRow {
  key: string
  queue: string
  job: string
  /** Cron pattern, or null for a fixed interval (`everyMs`). */
  pattern: string | null
  everyMs: number | null
  nextRunAt: number | null
  lastRun: { at: number; outcome: string; durationMs: number | null } | null
}

/**
 * The repeatable jobs (reconciler, stats, purges): their next run from BullMQ's job
 * schedulers, their last one from what workers record when a scheduler's job ends
 * (WorkerRunner; BullMQ itself keeps only the next).
 */
export async function scheduledJobs(manager: QueueManager): Promise<ScheduleRow[]> {
  const [perQueue, runs] = await Promise.all([
    Promise.all(
      QUEUE_NAMES.map(async (queue) =>
        (await manager.use(queue).getJobSchedulers(0, 49, true)).map((s) => ({ queue, s }))
      )
    ),
    redis.connection().hgetall(schedulerRunsKey(manager.config.prefix)),
  ])
  return perQueue.flat().map(({ queue, s }) => {
    let lastRun: ScheduleRow['lastRun'] = null
    try {
      if (runs[s.key]) lastRun = JSON.parse(runs[s.key])
    } catch {}
    return {
      key: s.key,
      queue,
      job: s.name,
      pattern: s.pattern ?? null,
      everyMs: s.every ? Number(s.every) : null,
      nextRunAt: s.next ?? null,
      lastRun,
    }
  })
}

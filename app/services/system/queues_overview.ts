import type { Job, Metrics } from 'bullmq'
import type { QueueManager } from '#queue/queue_manager'
import { QUEUE_NAMES, isQueueName, type QueueName } from '#queue/types'
import { maskJobData, maskReason, type JsonValue } from '#services/system/mask_job_data'

/** The System page's queue part, read through BullMQ's own API (counts, metrics, failed jobs). */
export interface QueueCounts {
  name: QueueName
  waiting: number
  delayed: number
  active: number
  failed: number
  /** Jobs completed in the last hour (BullMQ's per-minute metrics that workers record). */
  completedLastHour: number
  paused: boolean
}

export interface FailedJob {
  queue: QueueName
  id: string
  name: string
  attempts: number
  failedAt: number | null
  reason: string | null
  /** Masked (mask_job_data.ts): never a credential, whatever the producer put in it. */
  data: JsonValue
}

const FAILED_SHOWN = 25

export async function queueCounts(manager: QueueManager): Promise<QueueCounts[]> {
  return Promise.all(
    QUEUE_NAMES.map(async (name) => {
      const queue = manager.use(name)
      const [counts, completed, paused] = await Promise.all([
        queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'failed'),
        queue.getMetrics('completed', 0, 59),
        queue.isPaused(),
      ])
      return {
        name,
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        delayed: counts.delayed ?? 0,
        active: counts.active ?? 0,
        failed: counts.failed ?? 0,
        completedLastHour: lastHour(completed),
        paused,
      }
    })
  )
}

/**
 * Jobs completed in the last 60 minutes from BullMQ's metrics. BullMQ pushes a minute's count
 * only when a later job completes: the list is as old as its last push (`prevTS`), and the
 * jobs since then are `count - prevCount`. Both are placed on the clock before summing.
 */
function lastHour(metrics: Metrics, now = Date.now()) {
  if (!metrics.meta.prevTS) return 0
  const gap = Math.floor(now / 60_000) - Math.floor(metrics.meta.prevTS / 60_000)
  if (gap >= 60) return 0
  let total = Math.max(0, metrics.meta.count - metrics.meta.prevCount)
  for (let i = 0; i < metrics.data.length && gap + 1 + i < 60; i++) total += metrics.data[i]
  return total
}

function toFailedJob(queue: QueueName, job: Job): FailedJob {
  return {
    queue,
    id: String(job.id),
    name: job.name,
    attempts: job.attemptsMade,
    failedAt: job.finishedOn ?? null,
    reason: maskReason(job.failedReason),
    data: maskJobData(job.data),
  }
}

/** The most recent failed jobs of every queue, newest first. */
export async function failedJobs(manager: QueueManager): Promise<FailedJob[]> {
  const perQueue = await Promise.all(
    QUEUE_NAMES.map(async (name) =>
      (await manager.use(name).getFailed(0, FAILED_SHOWN - 1)).map((job) => toFailedJob(name, job))
    )
  )
  return perQueue
    .flat()
    .sort((a, b) => (b.failedAt ?? 0) - (a.failedAt ?? 0))
    .slice(0, FAILED_SHOWN)
}

/** A failed job by queue and id; null for anything else (unknown queue, gone, not failed). */
export async function findFailedJob(manager: QueueManager, queue: string, id: string) {
  if (!isQueueName(queue) || !id || id.length > 255) return null
  const job = await manager.use(queue).getJob(id)
  if (!job || (await job.getState()) !== 'failed') return null
  return job
}

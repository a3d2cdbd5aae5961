import type { ConnectionOptions, DefaultJobOptions } from 'bullmq'

/** Every queue the app knows. A worker serves some or all of them (`queue:work --queues=`). */
export const QUEUE_NAMES = ['publish', 'media', 'stats', 'purge', 'webhooks', 'automation'] as const
export type QueueName = (typeof QUEUE_NAMES)[number]

export function isQueueName(value: string): value is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(value)
}

export interface QueueSettings {
  /** Jobs of this queue one worker process runs at the same time. */
  concurrency: number
  /** Applied to every job added to the queue unless `dispatch` overrides them. */
  defaultJobOptions: DefaultJobOptions
  /**
   * BullMQ's job lock (renewed by the live worker every half of it) and how often workers
   * look for jobs whose lock ran out (their worker died) to run them again. BullMQ's
   * defaults (30 s each) when unset.
   */
  lockDurationMs?: number
  stalledIntervalMs?: number
}

export interface QueueConfig {
  /** Redis connection shared by producers; workers add `maxRetriesPerRequest: null`. */
  connection: ConnectionOptions
  /** Prefix of every BullMQ key, so several installs (or test runs) can share one Redis. */
  prefix: string
  queues: Record<QueueName, QueueSettings>
  heartbeat: {
    /** A worker counts as alive while its heartbeat key is younger than this. */
    ttlSeconds: number
    /** How often a running worker refreshes its heartbeat. */
    intervalSeconds: number
    /** A file touched after each heartbeat written (WORKER_HEARTBEAT_FILE), for healthchecks. */
    file?: string
  }
  /** How long a stopping worker waits for running jobs before it lets go of them. */
  shutdownTimeoutMs: number
}

export function defineConfig(config: QueueConfig): QueueConfig {
  return config
}

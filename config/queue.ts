import env from '#start/env'
import { redisConnection } from '#config/redis'
import { shutdownTimeoutMs } from '#config/app'
import { defineConfig } from '#queue/types'

const minute = 60_000
const day = 24 * 60 * minute
const heartbeatTtl = env.get('WORKER_HEARTBEAT_SECONDS', 30)

/** Finished jobs are kept a little while for inspection, bounded so Redis never grows without limit. */
const retention = {
  removeOnComplete: { age: day / 1000, count: 1000 },
  removeOnFail: { age: (7 * day) / 1000, count: 5000 },
}

const queueConfig = defineConfig({
  connection: { ...redisConnection },
  prefix: env.get('QUEUE_PREFIX', 'pistache'),
  queues: {
    // Publishing waits on network APIs, not on CPU: hundreds at once. At 20 and 100 ms per call a
    // worker cannot pass 200 publishes/s however little each costs; with many in flight the
    // concurrent jobs' statements also leave in bigger groups (#services/batcher). Each account
    // is still held to publishing.perAccountConcurrency, across workers.
    publish: {
      concurrency: 200,
      // A publish job whose worker died is run again within seconds, not BullMQ's default
      // 30 s + 30 s (its delivery may be due; a second run of a publish job is harmless: the
      // claim is a compare-and-set).
      lockDurationMs: 10_000,
      stalledIntervalMs: 5000,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 30_000 },
        ...retention,
      },
    },
    // sharp/ffmpeg work; two in flight is what a 2-core machine sustains (STACK_NOTES).
    media: {
      concurrency: 2,
      defaultJobOptions: {
        attempts: 3,
        backoff: { type: 'exponential', delay: 10_000 },
        ...retention,
      },
    },
    stats: {
      concurrency: 2,
      defaultJobOptions: {
        attempts: 3,
        backoff: { type: 'exponential', delay: minute },
        ...retention,
      },
    },
    // Outgoing webhooks: receivers may be slow or down; 8 tries spread over about an hour.
    webhooks: {
      concurrency: 5,
      defaultJobOptions: {
        attempts: 8,
        backoff: { type: 'exponential', delay: 30_000 },
        ...retention,
      },
    },
    // Feeds to fetch and repeating posts to lay out ahead: short rounds, run again next minute.
    automation: {
      concurrency: 1,
      defaultJobOptions: { attempts: 1, ...retention },
    },
    purge: {
      concurrency: 1,
      defaultJobOptions: {
        attempts: 3,
        backoff: { type: 'exponential', delay: 5 * minute },
        ...retention,
      },
    },
  },
  heartbeat: {
    ttlSeconds: heartbeatTtl,
    intervalSeconds: Math.max(1, Math.min(5, Math.floor(heartbeatTtl / 3))),
    /** Touched after each heartbeat written to Redis (compose's worker healthcheck reads its age). */
    file: env.get('WORKER_HEARTBEAT_FILE'),
  },
  // Running jobs get the process's shutdown deadline minus 5 s for closing connections.
  shutdownTimeoutMs: Math.max(1000, shutdownTimeoutMs - 5000),
})

export default queueConfig

import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { rm, writeFile } from 'node:fs/promises'
import type { Redis } from 'ioredis'
import type { Connection } from '@adonisjs/redis/types'
import type { QueueName } from '#queue/types'
import { thisProcess } from '#queue/process_identity'

/** What reading heartbeats needs: the app's connection or a plain ioredis client (queue:health). */
export type HeartbeatReader = Pick<Connection | Redis, 'zrangebyscore' | 'mget'>

/** What a running worker publishes about itself. Read by /health (which shows only `queues` and the time). */
export interface WorkerInfo {
  id: string
  pid: number
  host: string
  /** The process as lease names spell it (#queue/process_identity): its leases live while this beats. */
  holder: string
  queues: QueueName[]
  startedAt: string
  lastHeartbeatAt: string
  /** The app version the worker runs (a rolling upgrade shows two); absent from older workers. */
  version?: string
  /** Jobs it was running at its last beat. */
  running?: number
}

/** package.json's version, next to the sources and in the build alike. */
function readVersion() {
  try {
    const file = new URL('../../package.json', import.meta.url)
    return String(JSON.parse(readFileSync(file, 'utf8')).version ?? 'unknown')
  } catch {
    return 'unknown'
  }
}
export const appVersion = readVersion()

/**
 * Keys: `<prefix>:workers:<id>` holds one worker's info and expires after the TTL,
 * so a crashed worker disappears by itself; the sorted set `<prefix>:workers`
 * indexes them by last beat so readers never scan the keyspace.
 */
export function heartbeatKeys(prefix: string) {
  return {
    index: `${prefix}:workers`,
    worker: (id: string) => `${prefix}:workers:${id}`,
  }
}

export interface HeartbeatOptions {
  prefix: string
  queues: QueueName[]
  ttlMs: number
  intervalMs: number
  /**
   * Written (this process's pid) after each heartbeat that reached Redis, so its modification
   * time is the last beat: a container healthcheck compares it with the clock without starting
   * Node (which takes seconds on a busy host). Removed on a clean stop. A wedged worker or one
   * cut off from Redis stops touching it.
   */
  file?: string
  onError?: (error: unknown) => void
  /** Jobs running in this process, told with each beat (the System page shows it). */
  running?: () => number
}

export class WorkerHeartbeat {
  readonly id = `${thisProcess.host}:${process.pid}:${randomUUID().slice(0, 8)}`
  readonly #startedAt = new Date().toISOString()
  #timer: NodeJS.Timeout | undefined

  constructor(
    private redis: Connection,
    private options: HeartbeatOptions
  ) {}

  /** Writes (or refreshes) the heartbeat once. */
  async beat() {
    const now = Date.now()
    const keys = heartbeatKeys(this.options.prefix)
    const info: WorkerInfo = {
      id: this.id,
      pid: process.pid,
      host: thisProcess.host,
      holder: thisProcess.id,
      queues: this.options.queues,
      startedAt: this.#startedAt,
      lastHeartbeatAt: new Date(now).toISOString(),
      version: appVersion,
      running: this.options.running?.() ?? 0,
    }
    await this.redis
      .multi()
      .set(keys.worker(this.id), JSON.stringify(info), 'PX', this.options.ttlMs)
      .zadd(keys.index, now, this.id)
      .zremrangebyscore(keys.index, '-inf', now - this.options.ttlMs)
      .exec()
    if (this.options.file) {
      // Not fatal: the Redis heartbeat (what other processes read) was written.
      await writeFile(this.options.file, `${process.pid}\n`).catch((error) =>
        this.options.onError?.(error)
      )
    }
  }

  async start() {
    await this.beat()
    this.#timer = setInterval(() => {
      this.beat().catch((error) => this.options.onError?.(error))
    }, this.options.intervalMs)
  }

  /** Stops refreshing (the heartbeat then expires after its TTL). */
  pause() {
    clearInterval(this.#timer)
    this.#timer = undefined
  }

  /** Stops refreshing and removes the heartbeat at once (a clean stop, not a crash). */
  async stop() {
    this.pause()
    if (this.options.file) await rm(this.options.file, { force: true }).catch(() => {})
    const keys = heartbeatKeys(this.options.prefix)
    await this.redis.multi().del(keys.worker(this.id)).zrem(keys.index, this.id).exec()
  }
}

/** Workers whose heartbeat has not expired, most recent first. */
export async function readLiveWorkers(
  redis: HeartbeatReader,
  prefix: string,
  ttlMs: number
): Promise<WorkerInfo[]> {
  const keys = heartbeatKeys(prefix)
  const ids = await redis.zrangebyscore(keys.index, Date.now() - ttlMs, '+inf')
  if (!ids.length) return []
  const values = await redis.mget(...ids.map((id) => keys.worker(id)))
  return values
    .filter((value): value is string => typeof value === 'string')
    .map((value) => JSON.parse(value) as WorkerInfo)
    .sort((a, b) => b.lastHeartbeatAt.localeCompare(a.lastHeartbeatAt))
}

/** The lease holders (processes) with a live worker heartbeat. */
export async function readLiveHolders(redis: Connection, prefix: string, ttlMs: number) {
  const workers = await readLiveWorkers(redis, prefix, ttlMs)
  return new Set(workers.map((worker) => worker.holder).filter(Boolean))
}

import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import type { QueueConfig } from '#queue/types'

/**
 * Container healthcheck for the worker role: `node ace queue:health` exits 0 when a worker on
 * this host has a fresh heartbeat in Redis, 1 otherwise, and prints one line saying why.
 * It starts no provider and opens one short-lived Redis connection, so it stays cheap when
 * run every few seconds.
 */
export default class QueueHealth extends BaseCommand {
  static commandName = 'queue:health'
  static description =
    'Exit 0 when a queue worker on this host has a fresh heartbeat, 1 otherwise (healthcheck)'
  static options: CommandOptions = { startApp: false }

  @flags.number({
    description: 'Seconds a heartbeat counts as fresh (default: WORKER_HEARTBEAT_SECONDS, 30)',
  })
  declare maxAge?: number

  async run() {
    // The queue config (and the env it validates) without booting any provider.
    const [{ Redis }, { checkLocalWorker }, { default: config }] = await Promise.all([
      import('ioredis'),
      import('#queue/local_worker_health'),
      import('#config/queue') as Promise<{ default: QueueConfig }>,
    ])
    const windowMs = (this.maxAge ?? config.heartbeat.ttlSeconds) * 1000
    // One attempt with a short timeout: a healthcheck must answer, not wait for Redis to return.
    const redis = new Redis({
      ...(config.connection as object),
      lazyConnect: true,
      connectTimeout: 3000,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    })
    // connect() only says "Connection is closed"; the socket error says why.
    let cause: Error | undefined
    redis.on('error', (error) => (cause ??= error))
    try {
      await redis.connect()
      const health = await checkLocalWorker(redis, { prefix: config.prefix, windowMs })
      this.report(health.ok, health.reason)
    } catch (error) {
      this.report(false, `Redis unreachable: ${(cause ?? (error as Error)).message}`)
    } finally {
      redis.disconnect()
    }
  }

  private report(ok: boolean, reason: string) {
    this.logger.log(`${ok ? 'healthy' : 'unhealthy'}: ${reason}`)
    this.exitCode = ok ? 0 : 1
  }
}

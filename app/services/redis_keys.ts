import app from '@adonisjs/core/services/app'
import type { QueueConfig } from '#queue/types'

/**
 * Every key the app writes to Redis lives under QUEUE_PREFIX, so installs and test runs that
 * share a Redis database stay apart, and the test helpers can tell their own keys from another
 * process's before they empty the database (tests/helpers/redis.ts).
 */
export const redisPrefix = () => app.config.get<QueueConfig>('queue').prefix

export const appRedisKey = (suffix: string) => `${redisPrefix()}:${suffix}`

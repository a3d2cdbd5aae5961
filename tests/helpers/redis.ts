import redis from '@adonisjs/redis/services/main'

/** Empties the Redis database the tests use (REDIS_DB=1 in .env.test): queues, rate limits, heartbeats. */
export async function resetRedis() {
  await redis.flushdb()
}

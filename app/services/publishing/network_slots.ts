import redis from '@adonisjs/redis/services/main'
import { publishingConfig, redisKey } from '#services/publishing/settings'

/**
 * Per-network concurrency across every worker: a counting semaphore in Redis (a sorted
 * set of holders scored by their expiry, so a crashed worker's slot frees itself when its
 * lease would have ended). A job that finds its network full does not wait inside the
 * worker: it re-enqueues itself a little later and returns, so the worker's other slots
 * keep serving the other networks — a slow network cannot starve the rest.
 */
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZSCORE', KEYS[1], ARGV[4]) then return 1 end
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  return 1
end
return 0`

const slotsKey = (network: string) => redisKey(`slots:${network}`)

export async function acquireNetworkSlot(network: string, holder: string) {
  const { perNetworkConcurrency, leaseMs } = publishingConfig()
  const now = Date.now()
  const granted = await redis
    .connection()
    .eval(ACQUIRE, 1, slotsKey(network), now, perNetworkConcurrency, now + leaseMs, holder, leaseMs)
  return Number(granted) === 1
}

export async function releaseNetworkSlot(network: string, holder: string) {
  await redis.connection().zrem(slotsKey(network), holder)
}

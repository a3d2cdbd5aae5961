import redis from '@adonisjs/redis/services/main'
import { publishingConfig, redisKey } from '#services/publishing/settings'

/**
 * Per-network concurrency across every worker: a counting semaphore in Redis (a sorted
 * set of holders scored by their expiry, so a crashed worker's slot frees itself when its
 * lease would have ended).
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

/** Holders of this process's own publishes in flight, per network (jobs that may wait, see below). */
const running = new Map<string, Set<string>>()
/** Jobs of this process waiting for a slot of each network, woken first-come when one of those publishes ends. */
const waiting = new Map<string, (() => void)[]>()

async function tryAcquire(network: string, holder: string) {
  const { perNetworkConcurrency, leaseMs } = publishingConfig()
  const now = Date.now()
  const granted = await redis
    .connection()
    .eval(ACQUIRE, 1, slotsKey(network), now, perNetworkConcurrency, now + leaseMs, holder, leaseMs)
  return Number(granted) === 1
}

/** Resolves when one of this process's publishes on `network` ends, or after `ms`. */
async function nextRelease(network: string, ms: number) {
  const queue = waiting.get(network) ?? []
  waiting.set(network, queue)
  let wake!: () => void
  const released = new Promise<void>((resolve) => (wake = resolve))
  queue.push(wake)
  const timeout = setTimeout(wake, ms)
  await released
  clearTimeout(timeout)
  const at = queue.indexOf(wake)
  if (at >= 0) queue.splice(at, 1)
}

/**
 * Takes a slot of the network. With `waitMs` (a publish job), a full network is waited on for
 * up to that long — but only for slots this process's own publishes hold, one waiter per such
 * publish: each ends within one network call and wakes a waiter at once. In a burst, slots
 * free every few milliseconds, and sending every job that found them full back to the queue
 * (a read, a write and an enqueue each, often several times over) cost more than the
 * publishes. Slots held elsewhere may belong to a slow network: those jobs get `false` at
 * once and re-arm themselves, so no worker slot is parked on them.
 */
export async function acquireNetworkSlot(network: string, holder: string, waitMs = 0) {
  const deadline = Date.now() + waitMs
  for (;;) {
    if (await tryAcquire(network, holder)) {
      if (waitMs > 0) running.set(network, (running.get(network) ?? new Set()).add(holder))
      return true
    }
    const left = deadline - Date.now()
    if (left <= 0 || (waiting.get(network)?.length ?? 0) >= (running.get(network)?.size ?? 0))
      return false
    await nextRelease(network, left)
  }
}

export async function releaseNetworkSlot(network: string, holder: string) {
  await redis.connection().zrem(slotsKey(network), holder)
  if (running.get(network)?.delete(holder)) waiting.get(network)?.shift()?.()
}

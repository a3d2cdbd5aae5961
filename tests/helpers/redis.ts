import redis from '@adonisjs/redis/services/main'
import { redisPrefix } from '#services/redis_keys'

/**
 * Checks and empties in one step (a script runs atomically): no key of another process can slip
 * in between the check and the flush. Returns the number of foreign keys and a few of them.
 */
const FLUSH_IF_ONLY_OURS = `
local prefix = ARGV[1]
local foreign = {}
local count = 0
for _, key in ipairs(redis.call('KEYS', '*')) do
  if string.sub(key, 1, #prefix) ~= prefix then
    count = count + 1
    if #foreign < 5 then table.insert(foreign, key) end
  end
end
if count == 0 then redis.call('FLUSHDB') end
table.insert(foreign, 1, tostring(count))
return foreign
`

export class ForeignRedisKeysError extends Error {}

/**
 * Empties the Redis database the tests use (REDIS_DB, 1 in .env.test): queues, rate limits,
 * heartbeats. Refuses when the database holds a key outside this run's QUEUE_PREFIX: that is
 * another process's data (a developer's queues, a parallel test run), and a flush would wipe it.
 */
export async function resetRedis() {
  const prefix = `${redisPrefix()}:`
  const [count, ...sample] = (await redis.eval(FLUSH_IF_ONLY_OURS, 0, prefix)) as string[]
  if (Number(count) === 0) return
  const db = redis.connection().ioConnection.options.db ?? 0
  throw new ForeignRedisKeysError(
    `Refusing to empty Redis database ${db}: it holds ${count} key(s) outside the prefix "${prefix}" ` +
      `(${sample.join(', ')}). Another process uses it: give this run its own REDIS_DB or QUEUE_PREFIX.`
  )
}

import { createHash } from 'node:crypto'
import redis from '@adonisjs/redis/services/main'

/*
 * The Redis scripts behind the publish slots (network_slots.ts). Each limit is a sorted set of
 * holders scored by their lease's end; every script runs atomically, which is what makes a
 * refused acquire and a concurrent release agree on who is woken.
 */

/**
 * Takes a slot of the account's limit and, when set, of its network's ceiling; a refused caller
 * is put on that limit's waiting list in the same step. 1 granted, 0 account full, -1 network full.
 * A waiter is one member per delivery revision (NX: a refusal again keeps its first place in
 * line); a member that changed on every re-arm would pile up stale entries that a release pops
 * and wakes for nothing, leaving live waiters to the fallback timer.
 */
export const ACQUIRE = `
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local waiter = ARGV[7]
if redis.call('ZSCORE', KEYS[1], ARGV[5]) then return 1 end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  if waiter ~= '' then
    redis.call('ZADD', KEYS[4], 'NX', ARGV[8], waiter)
    redis.call('PEXPIRE', KEYS[4], ARGV[9])
  end
  return 0
end
local ceiling = tonumber(ARGV[3])
if ceiling > 0 and redis.call('ZCARD', KEYS[2]) >= ceiling then
  if waiter ~= '' then
    redis.call('ZADD', KEYS[5], 'NX', ARGV[8], waiter)
    redis.call('PEXPIRE', KEYS[5], ARGV[9])
  end
  return -1
end
if waiter ~= '' then
  redis.call('ZREM', KEYS[4], waiter)
  redis.call('ZREM', KEYS[5], waiter)
end
redis.call('ZADD', KEYS[1], ARGV[4], ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
redis.call('SADD', KEYS[3], KEYS[1])
if ceiling > 0 then
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[5])
  redis.call('PEXPIRE', KEYS[2], ARGV[6])
  redis.call('SADD', KEYS[3], KEYS[2])
end
return 1`

/**
 * Frees a holder's slots and hands each freed slot to the longest-waiting delivery of that
 * limit (ZPOPMIN of its waiting list): the caller wakes the deliveries it gets back. In the
 * same script as the acquire's registration, so a delivery refused a moment before a release
 * is always either granted or on the list that release reads.
 */
export const RELEASE = `
local woken = {}
if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then
  local next = redis.call('ZPOPMIN', KEYS[3])
  if next[1] then table.insert(woken, next[1] .. ':' .. next[2]) end
end
if redis.call('ZREM', KEYS[2], ARGV[1]) == 1 then
  local next = redis.call('ZPOPMIN', KEYS[4])
  if next[1] then table.insert(woken, next[1] .. ':' .. next[2]) end
end
return woken`

/** Pops up to ARGV[1] waiters of one limit (slots a dead holder had). */
export const POP_WAITERS = `
local woken = {}
for i = 1, tonumber(ARGV[1]) do
  local next = redis.call('ZPOPMIN', KEYS[1])
  if not next[1] then break end
  table.insert(woken, next[1] .. ':' .. next[2])
end
return woken`

const shas = new Map<string, string>()

/** A Lua script by its SHA (EVALSHA), sent in full only when Redis does not know it yet. */
export async function runScript(script: string, keys: string[], args: (string | number)[]) {
  let sha = shas.get(script)
  if (!sha) shas.set(script, (sha = createHash('sha1').update(script).digest('hex')))
  const connection = redis.connection()
  try {
    return await connection.evalsha(sha, keys.length, ...keys, ...args)
  } catch (error) {
    if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error
    return connection.eval(script, keys.length, ...keys, ...args)
  }
}

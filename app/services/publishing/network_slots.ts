import redis from '@adonisjs/redis/services/main'
import { holderOf, type ProcessHolder } from '#queue/process_identity'
import { publishingConfig, redisKey } from '#services/publishing/settings'
import { ACQUIRE, POP_WAITERS, RELEASE, runScript } from '#services/publishing/network_slot_scripts'

/**
 * Publishes in flight at once, across every worker: per account by default (what networks
 * rate-limit), plus an optional ceiling per network (`networkCeilings`). Each limit is a
 * counting semaphore in Redis — a sorted set of holders scored by their lease's end. The
 * live holder renews its lease on every worker heartbeat (`renewSlots`), a worker frees the
 * slots of dead holders at once (`reclaimSlots`), and a lease nobody renews runs out by
 * itself (a holder on another machine that vanished). The scripts are in network_slot_scripts.ts.
 */

/** How long a limit's waiting list outlives its last registration (the fallback wake-ups cover a lost list). */
const WAITERS_TTL_MS = 3_600_000

/** Whose publishes a slot counts against. */
export interface SlotTarget {
  network: string
  accountId: number | null
}

/** `granted`, or the limit that is full: the account's own, or its network's ceiling. */
export type SlotAnswer = 'granted' | 'account' | 'network'

const accountKey = (target: SlotTarget) => redisKey(`slots:account:${target.accountId ?? 0}`)
const networkKey = (target: SlotTarget) => redisKey(`slots:network:${target.network}`)
/** The deliveries waiting for a slot of a limit, oldest instant first (member: see SlotWaiter). */
const waitersKey = (slotKey: string) => `${slotKey}:waiting`

/**
 * A delivery waiting for a slot, as it is woken when one frees. On the waiting list the member
 * is `<id>:<revision>` scored by its instant; the scripts hand it back as `<id>:<revision>:<instant>`.
 * Registered by the refused acquire itself (same Lua script), removed when it is granted.
 */
export interface SlotWaiter {
  deliveryId: number
  revision: number
  notBefore: number
}

const waiterMember = (waiter: SlotWaiter) => `${waiter.deliveryId}:${waiter.revision}`

export function parseWaiter(member: string): SlotWaiter | null {
  const [deliveryId, revision, notBefore] = member.split(':').map(Number)
  if (![deliveryId, revision, notBefore].every(Number.isFinite)) return null
  return { deliveryId, revision, notBefore }
}
/** Every slot key in use, so dead holders can be found without scanning the keyspace. */
const indexKey = () => redisKey('slots:index')

/** Slots this process holds (holder → its keys), renewed until released. */
const held = new Map<string, string[]>()
/** Holders of this process's own publishes in flight, per account (jobs that may wait, see below). */
const running = new Map<string, Set<string>>()
/** Jobs of this process waiting for a slot of each account, woken first-come when one of its publishes ends. */
const waiting = new Map<string, (() => void)[]>()

async function tryAcquire(
  target: SlotTarget,
  holder: string,
  waiter?: SlotWaiter
): Promise<SlotAnswer> {
  const { perAccountConcurrency, networkCeilings, leaseMs } = publishingConfig()
  const now = Date.now()
  const keys = [accountKey(target), networkKey(target)]
  const answer = Number(
    await runScript(
      ACQUIRE,
      [...keys, indexKey(), waitersKey(keys[0]), waitersKey(keys[1])],
      [
        now,
        perAccountConcurrency,
        networkCeilings[target.network] ?? 0,
        now + leaseMs,
        holder,
        leaseMs,
        waiter ? waiterMember(waiter) : '',
        Math.round(waiter?.notBefore ?? 0),
        WAITERS_TTL_MS,
      ]
    )
  )
  if (answer === 1) {
    held.set(holder, networkCeilings[target.network] ? keys : [keys[0]])
    return 'granted'
  }
  return answer === 0 ? 'account' : 'network'
}

/** Resolves when one of this process's publishes on the account ends, or after `ms`. */
async function nextRelease(key: string, ms: number) {
  const queue = waiting.get(key) ?? []
  waiting.set(key, queue)
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
 * Takes a slot for a publish to the account. With `waitMs` (a publish job), a full account
 * is waited on for up to that long — but only for slots this process's own publishes hold,
 * one waiter per such publish: each ends within one network call and wakes a waiter at once.
 * In a burst, slots free every few milliseconds, and sending every job that found them full
 * back to the queue (a read, a write and an enqueue each, often several times over) cost
 * more than the publishes. Slots held elsewhere may belong to a slow account, and a full
 * network ceiling to other accounts: those jobs get their answer at once and re-arm
 * themselves, so no worker slot is parked on them.
 */
export async function acquirePublishSlot(
  target: SlotTarget,
  holder: string,
  waitMs = 0,
  waiter?: SlotWaiter
): Promise<SlotAnswer> {
  const deadline = Date.now() + waitMs
  const key = accountKey(target)
  for (;;) {
    const answer = await tryAcquire(target, holder, waiter)
    if (answer === 'granted') {
      if (waitMs > 0) running.set(key, (running.get(key) ?? new Set()).add(holder))
      return answer
    }
    const left = deadline - Date.now()
    if (
      answer === 'network' ||
      left <= 0 ||
      (waiting.get(key)?.length ?? 0) >= (running.get(key)?.size ?? 0)
    )
      return answer
    await nextRelease(key, left)
  }
}

/**
 * Frees a holder's slots. Returns the deliveries that waited for them (registered by a
 * refused `acquirePublishSlot` with a `waiter`), which the caller wakes now: a delivery
 * waiting for a slot is woken by the release, not by polling.
 */
export async function releasePublishSlot(
  target: SlotTarget,
  holder: string
): Promise<SlotWaiter[]> {
  held.delete(holder)
  const keys = [accountKey(target), networkKey(target)]
  const woken = (await runScript(
    RELEASE,
    [...keys, waitersKey(keys[0]), waitersKey(keys[1])],
    [holder]
  )) as string[]
  const key = accountKey(target)
  if (running.get(key)?.delete(holder)) waiting.get(key)?.shift()?.()
  return woken.map(parseWaiter).filter((waiter) => waiter !== null)
}

/** Extends the lease of every slot this process holds (and puts it back if Redis lost it). */
export async function renewSlots() {
  if (!held.size) return
  const { leaseMs } = publishingConfig()
  const until = Date.now() + leaseMs
  const batch = redis.connection().multi()
  for (const [holder, keys] of held)
    for (const key of keys)
      batch.zadd(key, until, holder).pexpire(key, leaseMs).sadd(indexKey(), key)
  await batch.exec()
}

/**
 * Frees every slot whose holder is dead, and forgets slot keys that have emptied. Returns how
 * many it freed and the deliveries that waited for them (to be woken by the caller).
 */
export async function reclaimSlots(isDead: (holder: ProcessHolder) => boolean) {
  const connection = redis.connection()
  const keys = await connection.smembers(indexKey())
  let freed = 0
  const woken: SlotWaiter[] = []
  for (const key of keys) {
    const holders = await connection.zrange(key, 0, -1)
    if (!holders.length) {
      await connection.srem(indexKey(), key)
      continue
    }
    const dead = holders.filter((name) => {
      const holder = holderOf(name)
      return holder !== null && isDead(holder)
    })
    if (!dead.length) continue
    const count = await connection.zrem(key, ...dead)
    freed += count
    if (count)
      for (const member of (await runScript(POP_WAITERS, [waitersKey(key)], [count])) as string[]) {
        const waiter = parseWaiter(member)
        if (waiter) woken.push(waiter)
      }
  }
  return { freed, woken }
}

/** Who holds an account's slots, and until when (epoch ms) unless renewed. */
export async function slotLeases(target: SlotTarget) {
  const flat = await redis.connection().zrange(accountKey(target), 0, -1, 'WITHSCORES')
  const leases: { holder: string; until: number }[] = []
  for (let i = 0; i < flat.length; i += 2)
    leases.push({ holder: flat[i], until: Number(flat[i + 1]) })
  return leases
}

/** Every slot held now, per account or network, for the System page (read through the index). */
export async function allSlotLeases() {
  const connection = redis.connection()
  const keys = await connection.smembers(indexKey())
  const now = Date.now()
  const found: {
    scope: 'account' | 'network'
    id: string
    holders: { holder: string; until: number }[]
  }[] = []
  for (const key of keys.sort()) {
    const flat = await connection.zrangebyscore(key, now, '+inf', 'WITHSCORES')
    if (!flat.length) continue
    const match = /:slots:(account|network):([^:]+)$/.exec(key)
    if (!match) continue
    const holders = []
    for (let i = 0; i < flat.length; i += 2)
      holders.push({ holder: flat[i], until: Number(flat[i + 1]) })
    found.push({ scope: match[1] as 'account' | 'network', id: match[2], holders })
  }
  return found
}

/**
 * CPU time spent by the processes a delivery goes through, from their own counters: this
 * process (process.cpuUsage), the PostgreSQL backends serving the benchmark's database
 * (/proc/<pid>/stat of each pid pg_stat_activity lists for it) and the Redis server (INFO cpu).
 * On a shared machine these count work, not waiting — unlike wall time. Redis is one server
 * for everyone on the machine: its figure includes other clients' commands (an upper bound).
 */
import { readFileSync } from 'node:fs'

const TICK_MS = 10 // CLK_TCK 100 on Linux

export function procCpuMs(pid: number) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may contain spaces): utime is the 14th, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS
  } catch {
    return 0 // gone (or not this machine): counted as nothing
  }
}

export interface CpuSnapshot {
  node: number
  pg: Map<number, number>
  redis: number
}

export interface CpuSpent {
  node: number
  pg: number
  redis: number
  total: number
}

export async function cpuSnapshot(
  db: { rawQuery: (sql: string) => Promise<any> },
  redis: { info: (section: string) => Promise<string> }
): Promise<CpuSnapshot> {
  const { user, system } = process.cpuUsage()
  const pids = (
    await db.rawQuery(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()'
    )
  ).rows.map((row: { pid: number }) => Number(row.pid))
  const info = await redis.info('cpu')
  const seconds = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0)
  return {
    node: (user + system) / 1000,
    pg: new Map(pids.map((pid: number) => [pid, procCpuMs(pid)])),
    redis: (seconds('used_cpu_sys') + seconds('used_cpu_user')) * 1000,
  }
}

/** Milliseconds of CPU between two snapshots (PostgreSQL: backends present in the second). */
export function cpuSpent(before: CpuSnapshot, after: CpuSnapshot): CpuSpent {
  let pg = 0
  for (const [pid, ms] of after.pg) pg += ms - (before.pg.get(pid) ?? 0)
  const node = after.node - before.node
  const redis = after.redis - before.redis
  return { node, pg, redis, total: node + pg + redis }
}

/**
 * CPU of a changing set of processes (worker processes that start and get killed, the
 * PostgreSQL backends that serve them), sampled every `everyMs`: each pid counts from its
 * first sample to its last, so a SIGKILLed worker keeps what it spent until its last sample.
 */
export class CpuSampler {
  #first = new Map<number, number>()
  #last = new Map<number, number>()
  #timer?: NodeJS.Timeout

  constructor(
    private pids: () => Promise<number[]> | number[],
    private everyMs = 250
  ) {}

  async sample() {
    for (const pid of await this.pids()) {
      const ms = procCpuMs(pid)
      if (!ms) continue
      if (!this.#first.has(pid)) this.#first.set(pid, ms)
      this.#last.set(pid, ms)
    }
  }

  start() {
    this.#timer = setInterval(() => void this.sample(), this.everyMs)
    return this.sample()
  }

  async stop() {
    clearInterval(this.#timer)
    await this.sample()
    let total = 0
    for (const [pid, ms] of this.#last) total += ms - (this.#first.get(pid) ?? ms)
    return total
  }
}

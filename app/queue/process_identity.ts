import { hostname } from 'node:os'
import { readFileSync } from 'node:fs'
import { randomUUID } from 'node:crypto'

/**
 * Who holds a lease (a network slot, a delivery claim): one process, named so that another
 * process can tell whether it still runs. `host:pid:boot:nonce` —
 *   - host and pid say where it runs;
 *   - boot (the kernel's boot id) tells a process from before a reboot from one that reuses
 *     its pid after it;
 *   - nonce tells this process from an earlier one with the same host, pid and boot (a
 *     restarted container often gets the same pid again).
 * A lease is written as `<holder>/<what>` (e.g. the job id), so the holder part can be read
 * back from any lease (see `holderOf`).
 */
export interface ProcessHolder {
  host: string
  pid: number
  boot: string
  nonce: string
  id: string
}

function readBootId() {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim().slice(0, 8)
  } catch {
    // Not Linux: no boot id, the nonce alone tells processes apart.
    return 'noboot'
  }
}

function make(host: string, pid: number, boot: string, nonce: string): ProcessHolder {
  return { host, pid, boot, nonce, id: `${host}:${pid}:${boot}:${nonce}` }
}

/** This process. Host names never contain `:` or `/`; they are cut so leases fit their columns. */
export const thisProcess = make(
  hostname().slice(0, 60),
  process.pid,
  readBootId(),
  randomUUID().slice(0, 8)
)

/** A lease name for something this process holds. */
export const leaseName = (what: string) => `${thisProcess.id}/${what}`.slice(0, 191)

/** The process a lease name belongs to, or null for a name in another format (older rows, tests). */
export function holderOf(lease: string): ProcessHolder | null {
  const slash = lease.indexOf('/')
  if (slash < 0) return null
  const parts = lease.slice(0, slash).split(':')
  if (parts.length !== 4) return null
  const [host, pid, boot, nonce] = parts
  if (!/^\d+$/.test(pid)) return null
  return make(host, Number(pid), boot, nonce)
}

function pidRuns(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Whether a holder is dead, given the holders whose worker heartbeat is alive. A holder
 * without a live heartbeat is dead. On this host the answer comes at once, without waiting
 * for its heartbeat to expire: a holder from another boot, whose pid no longer runs, or
 * that is an earlier process with this process's own pid, is dead. Holders on other hosts
 * are judged by their heartbeat only (and their short leases expire by themselves).
 */
export function isDead(holder: ProcessHolder, liveHolders: ReadonlySet<string>) {
  if (holder.id === thisProcess.id) return false
  if (!liveHolders.has(holder.id)) return true
  if (holder.host !== thisProcess.host) return false
  if (holder.boot !== thisProcess.boot) return true
  if (holder.pid === thisProcess.pid) return true
  return !pidRuns(holder.pid)
}

import type { ProcessHolder } from '#queue/process_identity'

/**
 * Something a worker process holds for a while — a network slot, a delivery claim — kept
 * alive by the holder and freed quickly when the holder dies. A worker (WorkerRunner)
 * calls `reclaim` before it takes any job and then, with `renew`, on every heartbeat tick.
 */
export interface LeaseKeeper {
  /** Extends every lease this process holds; leases nobody renews run out by themselves. */
  renew(): Promise<void>
  /**
   * Frees at once the leases of holders that `isDead` says are gone (a crashed worker's),
   * so their work is resumed in seconds rather than when the leases would have run out.
   */
  reclaim(isDead: (holder: ProcessHolder) => boolean): Promise<void>
}

import { BaseCheck, Result } from '@adonisjs/core/health'
import type { Connection } from '@adonisjs/redis/types'
import { readLiveWorkers } from '#queue/worker_heartbeat'

/** Ok when at least one worker's heartbeat is alive; its meta lists the queues served. */
export class WorkerCheck extends BaseCheck {
  name = 'worker'

  constructor(
    private redis: Connection,
    private prefix: string,
    private ttlMs: number
  ) {
    super()
  }

  async run() {
    const workers = await readLiveWorkers(this.redis, this.prefix, this.ttlMs)
    const queues = [...new Set(workers.flatMap((worker) => worker.queues))].sort()
    const lastHeartbeatAt = workers[0]?.lastHeartbeatAt ?? null
    const result = workers.length
      ? Result.ok(`${workers.length} worker(s) alive`)
      : Result.warning('no worker heartbeat')
    return result.setMetaData({ workers: workers.length, queues, lastHeartbeatAt })
  }
}

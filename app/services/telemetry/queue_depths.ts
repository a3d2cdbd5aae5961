import app from '@adonisjs/core/services/app'
import { QUEUE_NAMES } from '#queue/types'
import { addScrapeGauge } from '#services/telemetry/metrics'

const STATES = ['waiting', 'prioritized', 'delayed', 'active', 'failed'] as const

/** `pistache_queue_jobs{queue,state}`: read from BullMQ when Prometheus scrapes, not kept. */
export function registerQueueDepths() {
  addScrapeGauge(
    'pistache_queue_jobs',
    'Jobs per queue and state',
    ['queue', 'state'],
    async () => {
      const manager = await app.container.make('queue')
      const rows = await Promise.all(
        QUEUE_NAMES.map(async (queue) => {
          const counts = await manager.use(queue).getJobCounts(...STATES)
          return STATES.map((state) => ({ labels: { queue, state }, value: counts[state] ?? 0 }))
        })
      )
      return rows.flat()
    }
  )
}

import app from '@adonisjs/core/services/app'
import { queueCounts, failedJobs } from '#services/system/queues_overview'
import { scheduledJobs } from '#services/system/schedules_overview'
import {
  heldSlots,
  liveWorkers,
  rateLimitedNetworks,
  unknownDeliveries,
} from '#services/system/activity_overview'

/** Everything the System page shows, read at once (the page reloads it every few seconds). */
export async function systemOverview() {
  const manager = await app.container.make('queue')
  const [queues, workers, slots, rateLimited, failed, unknown, schedules] = await Promise.all([
    queueCounts(manager),
    liveWorkers(),
    heldSlots(),
    rateLimitedNetworks(),
    failedJobs(manager),
    unknownDeliveries(),
    scheduledJobs(manager),
  ])
  return {
    queues,
    workers,
    slots,
    rateLimited,
    failed,
    unknown,
    schedules,
    generatedAt: new Date().toISOString(),
  }
}

export type SystemOverview = Awaited<ReturnType<typeof systemOverview>>

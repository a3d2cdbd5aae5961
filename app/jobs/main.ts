/**
 * Every job the workers can run, by the name stored in Redis, imported on first use,
 * and the repeatable jobs a worker upserts when it starts serving their queue.
 */
import { JobRegistry } from '#queue/job_registry'
import type { JobSchedule } from '#queue/worker_runner'

export const jobs = new JobRegistry({
  purge_expired_logs: () => import('#jobs/purge_expired_logs_job'),
})

export const schedules: JobSchedule[] = [
  {
    key: 'purge-expired-logs',
    job: () => import('#jobs/purge_expired_logs_job'),
    repeat: { pattern: '17 3 * * *', tz: 'UTC' },
  },
]

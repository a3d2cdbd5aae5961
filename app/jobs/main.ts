/**
 * Every job the workers can run, by the name stored in Redis, imported on first use,
 * the repeatable jobs a worker upserts when it starts serving their queue, and the
 * leases its jobs hold (renewed while it lives, freed quickly when it dies).
 */
import { JobRegistry } from '#queue/job_registry'
import type { JobSchedule } from '#queue/worker_runner'
import type { LeaseKeeper } from '#queue/lease_keeper'
import {
  COLLECT_STATS,
  FILL_EVERGREEN,
  MATERIALIZE_SERIES,
  POLL_FEEDS,
  PURGE_EXPIRED_LOGS,
  RECONCILE_DELIVERIES,
} from '#queue/job_specs'
import publishingConfig from '#config/publishing'
import analyticsConfig from '#config/analytics'
// Workers turn the pipeline's status events into webhook deliveries.
import '#services/webhooks/listeners'

export const jobs = new JobRegistry({
  purge_expired_logs: () => import('#jobs/purge_expired_logs_job'),
  process_media: () => import('#jobs/process_media_job'),
  make_media_variant: () => import('#jobs/make_media_variant_job'),
  publish_delivery: () => import('#jobs/publish_delivery_job'),
  check_delivery_status: () => import('#jobs/check_delivery_status_job'),
  reconcile_deliveries: () => import('#jobs/reconcile_deliveries_job'),
  data_export: () => import('#jobs/data_export_job'),
  collect_stats: () => import('#jobs/collect_stats_job'),
  deliver_webhook: () => import('#jobs/deliver_webhook_job'),
  poll_feeds: () => import('#jobs/poll_feeds_job'),
  materialize_series: () => import('#jobs/materialize_series_job'),
  fill_evergreen: () => import('#jobs/fill_evergreen_job'),
  send_client_digest: () => import('#jobs/send_client_digest_job'),
})

export const schedules: JobSchedule[] = [
  {
    key: 'purge-expired-logs',
    job: PURGE_EXPIRED_LOGS,
    repeat: { pattern: '17 3 * * *', tz: 'UTC' },
  },
  {
    key: 'reconcile-deliveries',
    job: RECONCILE_DELIVERIES,
    repeat: { every: publishingConfig.reconcileEveryMs },
  },
  {
    key: 'collect-stats',
    job: COLLECT_STATS,
    repeat: { every: analyticsConfig.runEveryMs },
  },
  {
    key: 'poll-feeds',
    job: POLL_FEEDS,
    repeat: { every: 60_000 },
  },
  {
    key: 'materialize-series',
    job: MATERIALIZE_SERIES,
    repeat: { every: 10 * 60_000 },
  },
  {
    key: 'fill-evergreen',
    job: FILL_EVERGREEN,
    repeat: { every: 15 * 60_000 },
  },
]

/** The publishing jobs, loaded before a worker announces itself: after a crash they are due at once. */
export const preload = ['publish_delivery', 'check_delivery_status', 'reconcile_deliveries']

export async function leaseKeepers(): Promise<LeaseKeeper[]> {
  const { publishingLeases } = await import('#services/publishing/leases')
  return [publishingLeases]
}

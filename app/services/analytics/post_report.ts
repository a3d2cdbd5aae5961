import db from '@adonisjs/lucid/services/db'
import { POST_METRIC_NAMES } from '#models/delivery_metric_snapshot'
import { fromSql, toCount } from '#services/analytics/settings'
import type { Figures } from '#services/analytics/workspace_report'
import { webUrl } from '#sdk/web_url'
import { threadReports, type ThreadReport } from '#services/analytics/thread_report'

export type DeliveryReport = {
  deliveryId: number
  network: string
  accountId: number | null
  status: string
  externalUrl: string | null
  publishedAt: string | null
  collectedAt: string | null
  /** When the network was found to no longer have the post (deleted there); its last figures stay. */
  deletedAt: string | null
  /** The latest reading; null when nothing was collected yet. */
  latest: Figures | null
  /** Every reading, oldest first: the curve. */
  points: { at: string; figures: Figures }[]
  /** A thread's replies and its total with them; null for a post without published replies. */
  thread: ThreadReport | null
}

interface DeliveryRow {
  id: number
  network: string
  social_account_id: number | null
  status: string
  external_url: string | null
  published_at: string | Date | null
  metrics_gone_at: string | Date | null
}

/** A snapshot row: the delivery, when it was read, and one column per metric. */
type SnapshotRow = Record<string, unknown> & { delivery_id: number; collected_at: string | Date }

const figuresOf = (row: Record<string, unknown>) =>
  Object.fromEntries(POST_METRIC_NAMES.map((name) => [name, toCount(row[name])])) as Figures

/** One post's deliveries (scoped to the workspace by the caller's post), each with its readings. */
export async function postReport(post: {
  id: number
  workspaceId: number
}): Promise<DeliveryReport[]> {
  const deliveries: DeliveryRow[] = await db
    .from('deliveries')
    .where('post_id', post.id)
    .where('workspace_id', post.workspaceId)
    .whereNotIn('status', ['cancelled'])
    .select(
      'id',
      'network',
      'social_account_id',
      'status',
      'external_url',
      'published_at',
      'metrics_gone_at'
    )
    .orderBy('network')
    .orderBy('id')
  const snapshots: SnapshotRow[] = deliveries.length
    ? await db
        .from('delivery_metric_snapshots')
        .where('workspace_id', post.workspaceId)
        .whereIn(
          'delivery_id',
          deliveries.map((d) => d.id)
        )
        .orderBy('collected_at')
        .orderBy('id')
    : []
  const reports = deliveries.map((delivery) => {
    const points = snapshots
      .filter((s) => s.delivery_id === delivery.id)
      .map((s) => ({ at: fromSql(s.collected_at)!.toISO()!, figures: figuresOf(s) }))
    return {
      deliveryId: delivery.id,
      network: delivery.network,
      accountId: delivery.social_account_id,
      status: delivery.status,
      externalUrl: webUrl(delivery.external_url),
      publishedAt: fromSql(delivery.published_at)?.toISO() ?? null,
      collectedAt: points.at(-1)?.at ?? null,
      deletedAt: fromSql(delivery.metrics_gone_at)?.toISO() ?? null,
      latest: points.at(-1)?.figures ?? null,
      points,
    }
  })
  const threads = await threadReports(
    post.workspaceId,
    reports.map((report) => ({ id: report.deliveryId, latest: report.latest }))
  )
  return reports.map((report) => ({ ...report, thread: threads.get(report.deliveryId) ?? null }))
}

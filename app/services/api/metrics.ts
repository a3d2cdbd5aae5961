import db from '@adonisjs/lucid/services/db'

const METRICS = [
  'views',
  'reach',
  'likes',
  'comments',
  'shares',
  'quotes',
  'saves',
  'clicks',
] as const

/**
 * The latest snapshot of each delivery of a post. A null figure means the network does not
 * give it, never zero. `available` stays in the answer for API clients written when analytics
 * was optional; the tables always exist now (migration 0011).
 */
export async function latestPostMetrics(workspaceId: number, postId: number) {
  const deliveries = await db
    .from('deliveries')
    .where('workspace_id', workspaceId)
    .where('post_id', postId)
    .whereNot('status', 'cancelled')
    .select('id', 'network', 'social_account_id')
  const result = []
  for (const delivery of deliveries) {
    const row = await db
      .from('delivery_metric_snapshots')
      .where('delivery_id', delivery.id)
      .orderBy('collected_at', 'desc')
      .orderBy('id', 'desc')
      .first()
    const collectedAt = row?.collected_at ? new Date(row.collected_at).toISOString() : null
    result.push({
      deliveryId: Number(delivery.id),
      accountId: delivery.social_account_id === null ? null : Number(delivery.social_account_id),
      network: String(delivery.network),
      collectedAt,
      metrics: Object.fromEntries(
        METRICS.map((name) => [
          name,
          row && row[name] !== null && row[name] !== undefined ? Number(row[name]) : null,
        ])
      ),
    })
  }
  return { available: true, deliveries: result }
}

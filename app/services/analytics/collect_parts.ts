import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { firstCommentOf, PART_KINDS, type NetworkPlugin, type Result } from '#sdk'
import { POST_METRIC_NAMES } from '#models/delivery_metric_snapshot'
import type { AccountSession } from '#services/publishing/account_session'
import { sqlTime } from '#services/publishing/settings'
import { analyticsConfig } from '#services/analytics/settings'

interface PartRow {
  id: number
  delivery_id: number
  external_id: string
}

/**
 * The figures of the thread parts of deliveries just read: each published reply is a post of
 * its own on the network, asked for with the same `fetchStats` (per network id) in the same
 * session, on the delivery's schedule. A first comment is read too where the network's
 * `fetchStats` reads a comment by id (`firstComment.stats`); elsewhere a comment has no
 * figures to ask for. A part the network does not answer for gets no row.
 */
export async function collectThreadParts(input: {
  plugin: NetworkPlugin
  session: AccountSession
  deliveries: { id: number; workspaceId: number }[]
  now: DateTime
}): Promise<Result<number>> {
  const fetchStats = input.plugin.fetchStats
  if (!fetchStats || !input.deliveries.length) return { status: 'ok', value: 0 }
  const parts: PartRow[] = await db
    .from('delivery_parts')
    .whereIn(
      'delivery_id',
      input.deliveries.map((delivery) => delivery.id)
    )
    .whereIn(
      'kind',
      firstCommentOf(input.plugin.capabilities)?.stats ? [...PART_KINDS] : ['thread']
    )
    .where('status', 'published')
    .whereNotNull('external_id')
    .select('id', 'delivery_id', 'external_id')
    .orderBy('id')
  const workspaceOf = new Map(input.deliveries.map((d) => [d.id, d.workspaceId]))
  const { batchSize } = analyticsConfig()
  let stored = 0
  for (let start = 0; start < parts.length; start += batchSize) {
    const batch = parts.slice(start, start + batchSize)
    const result = await input.session.call((ctx) =>
      fetchStats.call(
        input.plugin,
        ctx,
        batch.map((part) => part.external_id)
      )
    )
    if (result.status !== 'ok') return result
    const rows = batch
      .filter((part) => result.value[part.external_id])
      .map((part) => ({
        delivery_part_id: part.id,
        delivery_id: part.delivery_id,
        workspace_id: workspaceOf.get(part.delivery_id)!,
        collected_at: sqlTime(input.now),
        ...Object.fromEntries(
          POST_METRIC_NAMES.map((name) => [name, result.value[part.external_id][name] ?? null])
        ),
      }))
    if (rows.length) await db.table('delivery_part_metric_snapshots').multiInsert(rows)
    stored += rows.length
  }
  return { status: 'ok', value: stored }
}

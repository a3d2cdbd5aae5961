import db from '@adonisjs/lucid/services/db'
import { POST_METRIC_NAMES } from '#models/delivery_metric_snapshot'
import { toCount } from '#services/analytics/settings'
import type { Figures } from '#services/analytics/workspace_report'
import { webUrl } from '#sdk/web_url'

export type ThreadPartReport = {
  /** 1-based, as published after the main post. */
  position: number
  externalUrl: string | null
  /** The part's latest reading; null when none was read yet. */
  latest: Figures | null
}

export type ThreadReport = {
  /** The published replies, in order. */
  parts: ThreadPartReport[]
  /** The main post and every part added up, metric by metric; null where none has a figure. */
  total: Figures
}

interface PartRow {
  id: number
  delivery_id: number
  position: number
  external_url: string | null
}

const figuresOf = (row: Record<string, unknown>) =>
  Object.fromEntries(POST_METRIC_NAMES.map((name) => [name, toCount(row[name])])) as Figures

/** Each metric summed over the readings that have it; null when none does (the network lacks it). */
function sum(readings: (Figures | null)[]): Figures {
  const present = readings.filter((figures): figures is Figures => figures !== null)
  return Object.fromEntries(
    POST_METRIC_NAMES.map((name) => {
      const values = present.map((figures) => figures[name]).filter((v): v is number => v !== null)
      return [name, values.length ? values.reduce((a, b) => a + b, 0) : null]
    })
  ) as Figures
}

/**
 * The threads among a post's deliveries (those with published reply parts): each part's latest
 * figures and the thread's total with the main post's (`latest`). Deliveries are the caller's,
 * already scoped to the workspace.
 */
export async function threadReports(
  workspaceId: number,
  deliveries: { id: number; latest: Figures | null }[]
): Promise<Map<number, ThreadReport>> {
  if (!deliveries.length) return new Map()
  const ids = deliveries.map((delivery) => delivery.id)
  const parts: PartRow[] = await db
    .from('delivery_parts')
    .whereIn('delivery_id', ids)
    .where('kind', 'thread')
    .where('status', 'published')
    .select('id', 'delivery_id', 'position', 'external_url')
    .orderBy('position')
  if (!parts.length) return new Map()
  const snapshots: (Record<string, unknown> & { delivery_part_id: number })[] = await db
    .from('delivery_part_metric_snapshots')
    .where('workspace_id', workspaceId)
    .whereIn('delivery_id', ids)
    .orderBy('collected_at')
    .orderBy('id')
  // Oldest first: the last one written for a part is its latest.
  const latestOf = new Map(snapshots.map((row) => [row.delivery_part_id, figuresOf(row)]))
  const reports = new Map<number, ThreadReport>()
  for (const delivery of deliveries) {
    const own = parts
      .filter((part) => part.delivery_id === delivery.id)
      .map((part) => ({
        position: part.position,
        externalUrl: webUrl(part.external_url),
        latest: latestOf.get(part.id) ?? null,
      }))
    if (!own.length) continue
    reports.set(delivery.id, {
      parts: own,
      total: sum([delivery.latest, ...own.map((part) => part.latest)]),
    })
  }
  return reports
}

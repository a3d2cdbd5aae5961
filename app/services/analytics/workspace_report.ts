import type { DateTime } from 'luxon'
import type { MetricName } from '#sdk'
import { POST_METRIC_NAMES } from '#models/delivery_metric_snapshot'
import { sqlTime } from '#services/publishing/settings'
import { analyticsConfig, fromSql, toCount } from '#services/analytics/settings'
import { LATEST_CTE, dayOf, engagementOf, metricSums, select } from '#services/analytics/sql'
import type { Period } from '#services/analytics/period'

/** A figure per metric; null = nothing to add up (the network does not give it, or nothing collected yet). */
export type Figures = Record<MetricName, number | null>

export type NetworkRow = {
  network: string
  posts: number
  figures: Figures
}

export type AccountRow = {
  accountId: number
  network: string
  posts: number
  figures: Figures
  followers: number | null
  /** Followers gained over the period; null when there is no reading from before it. */
  followersChange: number | null
}

export type TopPostRow = {
  postId: number
  excerpt: string
  publishedAt: string | null
  networks: string[]
  engagement: number
  figures: Figures
}

export type WorkspaceReport = {
  /** Posts with at least one delivery published in the period (the per-network and per-account counts are deliveries). */
  posts: number
  totals: Figures
  previousTotals: Figures
  /** Per day of the period: what was gained that day, summed over the period's posts. */
  series: { day: string; figures: Figures }[]
  byNetwork: NetworkRow[]
  byAccount: AccountRow[]
  topPosts: TopPostRow[]
}

const figuresOf = (row: Record<string, unknown>): Figures =>
  Object.fromEntries(POST_METRIC_NAMES.map((name) => [name, toCount(row[name])])) as Figures

/**
 * The deliveries published in [from, to) joined to their latest snapshot as of `to`.
 * Deliveries without a snapshot yet count as posts and add nothing.
 */
function scoped(columns: string, tail: string, join = '') {
  return `with ${LATEST_CTE}
  select ${columns}
  from deliveries d ${join}
  left join latest on latest.delivery_id = d.id and latest.rn = 1
  where d.workspace_id = ? and d.status = 'published' and d.published_at >= ? and d.published_at < ?
  ${tail}`
}

const scopeBindings = (workspaceId: number, from: DateTime, to: DateTime) => [
  workspaceId,
  sqlTime(to),
  workspaceId,
  sqlTime(from),
  sqlTime(to),
]

async function totals(workspaceId: number, from: DateTime, to: DateTime) {
  const [row] = await select(
    scoped(`count(distinct d.post_id) as posts, ${metricSums('latest')}`, ''),
    scopeBindings(workspaceId, from, to)
  )
  return { posts: Number(row?.posts ?? 0), figures: figuresOf(row ?? {}) }
}

async function byGroup(
  workspaceId: number,
  period: Period,
  column: 'network' | 'social_account_id'
) {
  return select(
    scoped(
      `d.${column} as grp, count(d.id) as posts, ${metricSums('latest')}`,
      `group by d.${column} order by d.${column}`
    ),
    scopeBindings(workspaceId, period.from, period.to)
  )
}

/**
 * Gains per day: each delivery's last reading of every day, minus its previous day's
 * reading (LAG), summed per day. A delivery's first reading counts whole, so the series
 * adds up to the totals.
 */
async function dailySeries(workspaceId: number, period: Period) {
  const gains = POST_METRIC_NAMES.map(
    (m) => `${m} - coalesce(lag(${m}) over (partition by delivery_id order by day), 0) as ${m}`
  )
  const rows = await select(
    `with bucketed as (
      select s.*, ${dayOf('s.collected_at')} as day
      from delivery_metric_snapshots s
      join deliveries d on d.id = s.delivery_id
      where s.workspace_id = ? and s.collected_at <= ? and d.published_at >= ? and d.published_at < ?
    ), daily as (
      select bucketed.*, row_number() over (partition by delivery_id, day order by collected_at desc, id desc) as rn from bucketed
    ), gained as (
      select day, ${gains.join(', ')} from daily where rn = 1
    )
    select day, ${POST_METRIC_NAMES.map((m) => `sum(${m}) as ${m}`).join(', ')} from gained group by day order by day`,
    [
      period.offsetMinutes,
      workspaceId,
      sqlTime(period.to),
      sqlTime(period.from),
      sqlTime(period.to),
    ]
  )
  const byDay = new Map(rows.map((row) => [String(row.day), figuresOf(row)]))
  const empty = figuresOf({})
  return period.days.map((day) => ({ day, figures: byDay.get(day) ?? empty }))
}

/** Each account's latest audience reading at or before `at`. */
async function followersAt(workspaceId: number, at: DateTime) {
  const rows = await select(
    `with ranked as (
      select social_account_id, followers,
        row_number() over (partition by social_account_id order by collected_at desc, id desc) as rn
      from account_metric_snapshots where workspace_id = ? and collected_at <= ?
    ) select social_account_id, followers from ranked where rn = 1`,
    [workspaceId, sqlTime(at)]
  )
  return new Map(rows.map((row) => [Number(row.social_account_id), toCount(row.followers)]))
}

async function topPosts(workspaceId: number, period: Period): Promise<TopPostRow[]> {
  const rows = await select(
    scoped(
      `d.post_id, min(d.published_at) as published_at, substr(max(p.body), 1, 140) as excerpt,
       ${metricSums('latest')}, sum(${engagementOf('latest')}) as engagement`,
      `group by d.post_id order by engagement desc, d.post_id desc limit ?`,
      'join posts p on p.id = d.post_id'
    ),
    [...scopeBindings(workspaceId, period.from, period.to), analyticsConfig().topPosts]
  )
  const networks = await select(
    `select distinct post_id, network from deliveries where workspace_id = ? and status = 'published' and post_id in (${rows.map(() => '?').join(',') || 'null'}) order by network`,
    [workspaceId, ...rows.map((row) => row.post_id)]
  )
  return rows.map((row) => ({
    postId: Number(row.post_id),
    excerpt: String(row.excerpt ?? '')
      .replace(/\s+/g, ' ')
      .trim(),
    publishedAt: fromSql(row.published_at as string | Date | null)?.toISO() ?? null,
    networks: networks
      .filter((n) => Number(n.post_id) === Number(row.post_id))
      .map((n) => String(n.network)),
    engagement: Number(row.engagement ?? 0),
    figures: figuresOf(row),
  }))
}

/** Everything the workspace analytics page and its CSV show, aggregated by the database. */
export async function workspaceReport(
  workspaceId: number,
  period: Period
): Promise<WorkspaceReport> {
  const [current, previous, series, networks, accounts, followersNow, followersBefore, top] =
    await Promise.all([
      totals(workspaceId, period.from, period.to),
      totals(workspaceId, period.previousFrom, period.from),
      dailySeries(workspaceId, period),
      byGroup(workspaceId, period, 'network'),
      byGroup(workspaceId, period, 'social_account_id'),
      followersAt(workspaceId, period.to),
      followersAt(workspaceId, period.from),
      topPosts(workspaceId, period),
    ])
  const accountNetworks = await select(
    `select id, network from social_accounts where workspace_id = ?`,
    [workspaceId]
  )
  const networkOf = new Map(accountNetworks.map((row) => [Number(row.id), String(row.network)]))
  const accountIds = new Set([...accounts.map((row) => Number(row.grp)), ...followersNow.keys()])

  return {
    posts: current.posts,
    totals: current.figures,
    previousTotals: previous.figures,
    series,
    byNetwork: networks.map((row) => ({
      network: String(row.grp),
      posts: Number(row.posts),
      figures: figuresOf(row),
    })),
    byAccount: [...accountIds]
      .filter((id) => id && networkOf.has(id))
      .map((id) => {
        const row = accounts.find((r) => Number(r.grp) === id)
        const followers = followersNow.get(id) ?? null
        const before = followersBefore.get(id) ?? null
        return {
          accountId: id,
          network: networkOf.get(id)!,
          posts: Number(row?.posts ?? 0),
          figures: figuresOf(row ?? {}),
          followers,
          followersChange: followers !== null && before !== null ? followers - before : null,
        }
      }),
    topPosts: top,
  }
}

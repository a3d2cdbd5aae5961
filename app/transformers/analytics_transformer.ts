import type { DateTime } from 'luxon'
import { capabilitiesOf, type MetricName, type NetworkPlugin } from '#sdk'
import type SocialAccount from '#models/social_account'
import type Post from '#models/post'
import { POST_METRIC_NAMES } from '#models/delivery_metric_snapshot'
import type { Period } from '#services/analytics/period'
import { webUrl } from '#sdk/web_url'

/** A network as the analytics pages draw it, with the metrics it gives (the others read "n/a"). */
export function toAnalyticsNetwork(plugin: NetworkPlugin) {
  return {
    id: plugin.id,
    displayName: plugin.displayName,
    icon: plugin.icon,
    brandColor: plugin.brandColor,
    metrics: capabilitiesOf(plugin).metrics,
  }
}

/** An account's public profile; never its token or meta. */
export function toAnalyticsAccount(account: SocialAccount) {
  return {
    id: account.id,
    network: account.network,
    handle: account.handle,
    displayName: account.displayName,
    avatarUrl: webUrl(account.avatarUrl),
    status: account.status,
  }
}

/** The metrics worth a column: those at least one of these networks gives, in the app's order. */
export function metricsOf(networks: AnalyticsNetwork[]): MetricName[] {
  const given = new Set(networks.flatMap((network) => network.metrics))
  return POST_METRIC_NAMES.filter((name) => given.has(name))
}

/** The period as the picker shows it: whole days in the workspace's zone, `to` inclusive. */
export function toAnalyticsPeriod(period: Period, zone: string) {
  const day = (at: DateTime) => at.setZone(zone).toISODate()!
  return {
    key: period.key,
    from: day(period.from),
    to: day(period.to.minus({ milliseconds: 1 })),
    days: period.days,
  }
}

export function toAnalyticsPost(post: Post) {
  const flat = post.body.replace(/\s+/g, ' ').trim()
  return {
    id: post.id,
    excerpt: flat.length > 280 ? `${flat.slice(0, 279)}…` : flat,
    status: post.status,
  }
}

export type AnalyticsNetwork = ReturnType<typeof toAnalyticsNetwork>
export type AnalyticsAccount = ReturnType<typeof toAnalyticsAccount>
export type AnalyticsPeriod = ReturnType<typeof toAnalyticsPeriod>
export type AnalyticsPost = ReturnType<typeof toAnalyticsPost>

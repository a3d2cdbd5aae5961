/** Shapes of the analytics pages' props (app/controllers/analytics_controller.ts). */
export type MetricName =
  'views' | 'likes' | 'comments' | 'shares' | 'reach' | 'saves' | 'quotes' | 'clicks'
export type Figures = Record<MetricName, number | null>

export type AnalyticsNetwork = {
  id: string
  displayName: string
  icon: string
  brandColor: string
  metrics: MetricName[]
}

export type AnalyticsAccount = {
  id: number
  network: string
  handle: string
  displayName: string
  avatarUrl: string | null
  status: 'connected' | 'needs_reconnection' | 'disconnected'
}

export type AnalyticsPeriod = {
  key: '7' | '30' | '90' | 'custom'
  from: string
  to: string
  days: string[]
}

export type WorkspaceReport = {
  posts: number
  totals: Figures
  previousTotals: Figures
  series: { day: string; figures: Figures }[]
  byNetwork: { network: string; posts: number; figures: Figures }[]
  byAccount: {
    accountId: number
    network: string
    posts: number
    figures: Figures
    followers: number | null
    followersChange: number | null
  }[]
  topPosts: {
    postId: number
    excerpt: string
    publishedAt: string | null
    networks: string[]
    engagement: number
    figures: Figures
  }[]
}

export type DeliveryReport = {
  deliveryId: number
  network: string
  accountId: number | null
  status: string
  externalUrl: string | null
  publishedAt: string | null
  collectedAt: string | null
  /** Found deleted on the network: the figures shown are the last ones read. */
  deletedAt: string | null
  latest: Figures | null
  points: { at: string; figures: Figures }[]
  /** A thread's replies and its total with them (app/services/analytics/thread_report.ts). */
  thread: ThreadReport | null
}

export type ThreadReport = {
  parts: { position: number; externalUrl: string | null; latest: Figures | null }[]
  total: Figures
}

import type { MetricName } from '#sdk'
import type { Cell } from '#services/analytics/csv'
import type { Figures, WorkspaceReport } from '#services/analytics/workspace_report'
import type {
  AnalyticsAccount,
  AnalyticsNetwork,
  AnalyticsPeriod,
} from '#transformers/analytics_transformer'

type Translate = (key: string, data?: Record<string, unknown>) => string

interface ExportInput {
  t: Translate
  workspaceName: string
  period: AnalyticsPeriod
  metrics: MetricName[]
  networks: AnalyticsNetwork[]
  accounts: AnalyticsAccount[]
  report: WorkspaceReport
}

/**
 * The workspace page as rows, section by section in the page's order, with the page's
 * rule for missing figures: "n/a" where the row's network does not give the metric, empty
 * where it does but nothing was collected yet. Only metrics some network gives get a column.
 */
export function exportRows({
  t,
  workspaceName,
  period,
  metrics,
  networks,
  accounts,
  report,
}: ExportInput): Cell[][] {
  const na = t('analytics.na')
  const given = (network: string) => networks.find((n) => n.id === network)?.metrics ?? []
  const cells = (figures: Figures, supported: MetricName[]) =>
    metrics.map((m) => (figures[m] === null ? (supported.includes(m) ? null : na) : figures[m]))
  const networkName = (id: string) => networks.find((n) => n.id === id)?.displayName ?? id
  const metricHeaders = metrics.map((m) => t(`analytics.metrics.${m}`))

  const rows: Cell[][] = [
    [t('analytics.title'), workspaceName],
    [t('analytics.csv.period'), period.from, period.to],
    [],
    [t('analytics.csv.totals')],
    [t('analytics.csv.metric'), t('analytics.csv.value'), t('analytics.csv.previous')],
    ...metrics.map((m) => [
      t(`analytics.metrics.${m}`),
      report.totals[m],
      report.previousTotals[m],
    ]),
    [t('analytics.posts_published'), report.posts],
    [],
    [t('analytics.by_network.title')],
    [t('analytics.csv.network'), t('analytics.posts_published'), ...metricHeaders],
    ...report.byNetwork.map((row) => [
      networkName(row.network),
      row.posts,
      ...cells(row.figures, given(row.network)),
    ]),
    [],
    [t('analytics.by_account.title')],
    [
      t('analytics.csv.account'),
      t('analytics.csv.network'),
      t('analytics.followers'),
      t('analytics.followers_change'),
      t('analytics.posts_published'),
      ...metricHeaders,
    ],
    ...report.byAccount.map((row) => {
      const account = accounts.find((a) => a.id === row.accountId)
      return [
        account ? `@${account.handle}` : String(row.accountId),
        networkName(row.network),
        row.followers ?? na,
        row.followersChange,
        row.posts,
        ...cells(row.figures, given(row.network)),
      ]
    }),
    [],
    [t('analytics.top_posts.title')],
    [
      t('analytics.csv.post'),
      t('analytics.csv.published_at'),
      t('analytics.csv.networks'),
      t('analytics.engagement'),
      ...metricHeaders,
    ],
    ...report.topPosts.map((row) => [
      row.excerpt,
      row.publishedAt,
      row.networks.map(networkName).join(' + '),
      row.engagement,
      ...cells(row.figures, row.networks.flatMap(given)),
    ]),
  ]
  return rows
}

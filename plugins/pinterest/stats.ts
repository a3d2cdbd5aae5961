import { metrics, ok, type AccountContext, type PostMetrics, type Result } from '#sdk'
import { apiHttp } from './urls.js'

/**
 * IMPRESSION → views, SAVE → saves, PIN_CLICK + OUTBOUND_CLICK → clicks (a close-up and a
 * visit to the link are both clicks on the Pin), TOTAL_REACTIONS → likes, TOTAL_COMMENTS → comments.
 */
const METRIC_TYPES = [
  'IMPRESSION',
  'SAVE',
  'PIN_CLICK',
  'OUTBOUND_CLICK',
  'TOTAL_REACTIONS',
  'TOTAL_COMMENTS',
]
/** Pinterest serves analytics for the last 90 days only: older activity is not counted. */
const WINDOW_DAYS = 89

interface PinAnalytics {
  summary_metrics?: Record<string, number>
  lifetime_metrics?: Record<string, number>
}

const day = (date: Date) => date.toISOString().slice(0, 10)

export function pinMetricsOf(analytics: PinAnalytics | undefined): PostMetrics {
  const summary = analytics?.summary_metrics ?? {}
  const lifetime = analytics?.lifetime_metrics ?? {}
  const pick = (name: string) => lifetime[name] ?? summary[name]
  const clicks = [summary.PIN_CLICK, summary.OUTBOUND_CLICK].filter((n) => typeof n === 'number')
  return metrics({
    views: summary.IMPRESSION ?? null,
    saves: summary.SAVE ?? null,
    clicks: clicks.length ? clicks.reduce((sum, n) => sum + n, 0) : null,
    likes: pick('TOTAL_REACTIONS') ?? null,
    comments: pick('TOTAL_COMMENTS') ?? null,
  })
}

/** GET /pins/{id}/analytics per Pin over the last 90 days; a deleted Pin (404) is left out. */
export async function fetchPinStats(
  ctx: AccountContext,
  ids: string[]
): Promise<Result<Record<string, PostMetrics>>> {
  const now = new Date()
  const start = new Date(now.getTime() - WINDOW_DAYS * 86_400_000)
  const figures: Record<string, PostMetrics> = {}
  for (const id of ids) {
    const response = await apiHttp(ctx).send<Record<string, PinAnalytics>>({
      url: `pins/${encodeURIComponent(id)}/analytics`,
      query: {
        start_date: day(start),
        end_date: day(now),
        metric_types: METRIC_TYPES.join(','),
        app_types: 'ALL',
      },
      bearer: ctx.token.accessToken,
    })
    if (response.status === 'error' && response.httpStatus === 404) continue
    if (response.status !== 'ok') return response
    // The answer is keyed by app type ("all" when not split).
    const body = response.value.body
    figures[id] = pinMetricsOf(body.all ?? body.ALL ?? Object.values(body)[0])
  }
  return ok(figures)
}

import {
  metrics,
  ok,
  type AccountContext,
  type HttpClient,
  type PluginSettings,
  type PostMetrics,
  type Result,
} from '#sdk'
import { authorUrn, isOrganization } from './profile.js'
import { apiHttp, encodeUrn, restHeaders } from './urls.js'

interface SocialActions {
  likesSummary?: { totalLikes?: number; aggregatedTotalLikes?: number }
  commentsSummary?: { totalFirstLevelComments?: number; aggregatedTotalComments?: number }
}

interface ShareStatistics {
  share?: string
  ugcPost?: string
  totalShareStatistics?: {
    impressionCount?: number
    uniqueImpressionsCount?: number
    clickCount?: number
    likeCount?: number
    commentCount?: number
    shareCount?: number
  }
}

type Call = { http: HttpClient; settings: PluginSettings; token: string }
/** Organisation statistics take up to this many posts per call (u); kept small to stay well inside URL limits. */
const ORG_BATCH = 20

/** `urn:li:share:1` / `urn:li:ugcPost:1` → the finder parameter it belongs in. */
const kindOf = (urn: string) => (urn.startsWith('urn:li:ugcPost:') ? 'ugcPost' : 'share')

/** Likes and comments of any post: GET /rest/socialActions/{urn}. */
async function socialActions(call: Call, urn: string): Promise<Result<Partial<PostMetrics>>> {
  const response = await call.http.send<SocialActions>({
    url: `/rest/socialActions/${encodeUrn(urn)}`,
    headers: restHeaders(call.settings),
    bearer: call.token,
  })
  if (response.status !== 'ok') return response
  const body = response.value.body
  return ok({
    likes: body.likesSummary?.aggregatedTotalLikes ?? body.likesSummary?.totalLikes ?? null,
    comments:
      body.commentsSummary?.aggregatedTotalComments ??
      body.commentsSummary?.totalFirstLevelComments ??
      null,
  })
}

/**
 * A member post's totals from memberCreatorPostAnalytics (scope r_member_postAnalytics).
 * Without that scope LinkedIn answers 403: the figures are then unknown, not an error.
 */
async function memberAnalytics(call: Call, urn: string): Promise<Result<Partial<PostMetrics>>> {
  const entity = `(${kindOf(urn) === 'ugcPost' ? 'ugc' : 'share'}:${encodeUrn(urn)})`
  const figures: Partial<PostMetrics> = {}
  const wanted = { IMPRESSION: 'views', MEMBERS_REACHED: 'reach', RESHARE: 'shares' } as const
  for (const [queryType, metric] of Object.entries(wanted)) {
    const response = await call.http.send<{ elements?: { count?: number }[] }>({
      // Rest.li syntax goes into the URL as is: URLSearchParams would encode its parentheses.
      url: `/rest/memberCreatorPostAnalytics?q=entity&entity=${entity}&queryType=${queryType}&aggregation=TOTAL`,
      headers: restHeaders(call.settings),
      bearer: call.token,
    })
    if (response.status === 'error' && response.httpStatus === 403) return ok({})
    if (response.status !== 'ok') return response
    figures[metric] = response.value.body.elements?.[0]?.count ?? 0
  }
  return ok(figures)
}

/** Page posts: organizationalEntityShareStatistics with shares=List(…)/ugcPosts=List(…). */
async function organizationStats(
  call: Call,
  organization: string,
  urns: string[]
): Promise<Result<Record<string, PostMetrics>>> {
  const figures: Record<string, PostMetrics> = {}
  for (let start = 0; start < urns.length; start += ORG_BATCH) {
    const batch = urns.slice(start, start + ORG_BATCH)
    const lists = (['share', 'ugcPost'] as const)
      .map((kind) => [kind, batch.filter((urn) => kindOf(urn) === kind)] as const)
      .filter(([, items]) => items.length)
      .map(
        ([kind, items]) =>
          `${kind === 'share' ? 'shares' : 'ugcPosts'}=List(${items.map(encodeUrn).join(',')})`
      )
    const response = await call.http.send<{ elements?: ShareStatistics[] }>({
      url: `/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=${encodeUrn(organization)}&${lists.join('&')}`,
      headers: restHeaders(call.settings),
      bearer: call.token,
    })
    if (response.status !== 'ok') return response
    for (const element of response.value.body.elements ?? []) {
      const urn = element.share ?? element.ugcPost
      const s = element.totalShareStatistics
      if (!urn || !s) continue
      figures[urn] = metrics({
        views: s.impressionCount ?? null,
        reach: s.uniqueImpressionsCount ?? null,
        clicks: s.clickCount ?? null,
        likes: s.likeCount ?? null,
        comments: s.commentCount ?? null,
        shares: s.shareCount ?? null,
      })
    }
  }
  return ok(figures)
}

export async function fetchPostStats(
  ctx: AccountContext,
  urns: string[]
): Promise<Result<Record<string, PostMetrics>>> {
  const call: Call = { http: apiHttp(ctx), settings: ctx.settings, token: ctx.token.accessToken }
  if (isOrganization(ctx.account)) return organizationStats(call, authorUrn(ctx.account), urns)
  const figures: Record<string, PostMetrics> = {}
  for (const urn of urns) {
    const social = await socialActions(call, urn)
    if (social.status === 'error' && social.httpStatus === 404) continue
    if (social.status !== 'ok') return social
    const analytics = await memberAnalytics(call, urn)
    if (analytics.status !== 'ok') return analytics
    figures[urn] = metrics({ ...social.value, ...analytics.value })
  }
  return ok(figures)
}

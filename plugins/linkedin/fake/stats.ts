import type { FakeServer } from '#sdk/testing/fake_server'
import type { Post } from './posts.js'
import { error, MEMBER_URN, type RestGate } from './rest.js'

/** The statistics reads: social action counts, member creator analytics and organisation share statistics. */
export function statsRoutes(s: FakeServer, gate: RestGate, posts: Map<string, Post>) {
  s.route('GET', '/rest/socialActions/:urn', (request) => {
    const denied = gate.rest(request)
    if (denied) return denied
    const post = posts.get(request.params.urn)
    if (!post) return error(404, `${request.params.urn} not found`, 'NOT_FOUND')
    return {
      json: {
        target: post.urn,
        likesSummary: {
          totalLikes: post.metrics.likes,
          aggregatedTotalLikes: post.metrics.likes,
          likedByCurrentUser: false,
        },
        commentsSummary: {
          totalFirstLevelComments: post.metrics.comments,
          aggregatedTotalComments: post.metrics.comments,
        },
      },
    }
  })

  s.route('GET', '/rest/memberCreatorPostAnalytics', (request) => {
    const denied = gate.rest(request)
    if (denied) return denied
    if (!gate.can(request, 'r_member_postAnalytics'))
      return error(
        403,
        'Not enough permissions to access memberCreatorPostAnalytics',
        'ACCESS_DENIED'
      )
    const entity = /^\((share|ugc):(urn:li:(?:share|ugcPost):\d+)\)$/.exec(
      request.query.get('entity') ?? ''
    )
    const post = entity ? posts.get(entity[2]) : undefined
    if (!post || post.author !== MEMBER_URN)
      return error(400, 'entity must be one of your own posts')
    const metric = {
      IMPRESSION: post.metrics.views,
      MEMBERS_REACHED: post.metrics.reach,
      RESHARE: post.metrics.shares,
      REACTION: post.metrics.likes,
      COMMENT: post.metrics.comments,
    }[request.query.get('queryType') ?? '']
    if (metric === undefined || request.query.get('aggregation') !== 'TOTAL')
      return error(400, 'queryType and aggregation=TOTAL are required')
    return {
      json: {
        paging: { start: 0, count: 10, links: [] },
        elements: [
          {
            count: metric,
            metricType: {
              'com.linkedin.adsexternalapi.memberanalytics.v1.CreatorPostAnalyticsMetricTypeV1':
                request.query.get('queryType'),
            },
          },
        ],
      },
    }
  })

  s.route('GET', '/rest/organizationalEntityShareStatistics', (request) => {
    const denied = gate.rest(request)
    if (denied) return denied
    const organization = request.query.get('organizationalEntity') ?? ''
    if (
      request.query.get('q') !== 'organizationalEntity' ||
      !organization.startsWith('urn:li:organization:')
    )
      return error(400, 'organizationalEntity is required')
    const listed = (name: string) =>
      /^List\((.*)\)$/
        .exec(request.query.get(name) ?? '')?.[1]
        .split(',')
        .filter(Boolean) ?? []
    const urns = [...listed('shares'), ...listed('ugcPosts')]
    const elements = urns
      .map((urn) => posts.get(urn))
      .filter((post): post is Post => !!post && post.author === organization)
      .map((post) => ({
        organizationalEntity: organization,
        share: post.urn,
        totalShareStatistics: {
          impressionCount: post.metrics.views,
          uniqueImpressionsCount: post.metrics.reach,
          clickCount: post.metrics.clicks,
          likeCount: post.metrics.likes,
          commentCount: post.metrics.comments,
          shareCount: post.metrics.shares,
          engagement: 0,
        },
      }))
    return { json: { paging: { start: 0, count: elements.length, links: [] }, elements } }
  })
}

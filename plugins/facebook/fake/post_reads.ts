import type { FakeReply, FakeRequest, FakeServer } from '#sdk/testing/fake_server'
import type { StoredPost } from '#sdk/testing/fake_network'
import type { FakeFacebookLogin } from '../../_meta/fake/facebook_login.js'
import { graphError } from '../../_meta/fake/graph_replies.js'

const INSIGHT_METRICS = [
  'post_media_view',
  'post_total_media_view_unique',
  'post_reactions_by_type_total',
  'post_clicks',
  'post_video_views',
]

export interface Post extends StoredPost {
  id: string
  pageId: string
  link: string | null
  createdTime: Date
  figures: { reactions: number; comments: number; shares: number; views: number; reach: number }
}

export const zeroFigures = () => ({ reactions: 0, comments: 0, shares: 0, views: 0, reach: 0 })

/**
 * The reads of a post's figures (facebook/FLOW.md "Metrics"): GET /{post-id}/insights with the
 * current metric names (the retired impressions metrics are refused), and the counters of
 * `?fields=shares,reactions.summary(total_count),comments.summary(total_count)`, alone or through
 * Graph's multi-id lookup.
 */
export class FakePostReads {
  constructor(
    private login: FakeFacebookLogin,
    private posts: Map<string, Post>
  ) {}

  routes(s: FakeServer) {
    s.route('GET', '/:ver/:node/insights', (request) => {
      const auth = this.login.authenticate(request, ['page'])
      if (!('record' in auth)) return auth
      const post = this.posts.get(request.params.node)
      if (!post || post.pageId !== auth.record.pageId)
        return graphError(
          `(#100) Object with ID '${request.params.node}' does not exist`,
          100,
          400,
          'GraphMethodException'
        )
      const wanted = (request.query.get('metric') ?? '').split(',')
      const unknown = wanted.find((name) => !INSIGHT_METRICS.includes(name))
      if (unknown)
        return graphError(`(#100) The value must be a valid insights metric: ${unknown}`, 100)
      const value = (name: string) =>
        name === 'post_media_view'
          ? post.figures.views
          : name === 'post_total_media_view_unique'
            ? post.figures.reach
            : 0
      return {
        json: {
          data: wanted.map((name) => ({
            name,
            period: 'lifetime',
            values: [{ value: value(name) }],
            title: name,
            description: name,
            id: `${post.id}/insights/${name}/lifetime`,
          })),
        },
      }
    })
  }

  counters(post: Post) {
    return {
      id: post.id,
      ...(post.figures.shares ? { shares: { count: post.figures.shares } } : {}),
      reactions: {
        data: [],
        summary: { total_count: post.figures.reactions, viewer_reaction: 'NONE' },
      },
      comments: {
        data: [],
        summary: { order: 'ranked', total_count: post.figures.comments, can_comment: true },
      },
    }
  }

  /** GET /?ids=a,b: Graph's multi-id lookup (≤ 50 ids); an unknown id fails the whole call with #803. */
  readMany(request: FakeRequest): FakeReply {
    const auth = this.login.authenticate(request, ['page', 'user'])
    if (!('record' in auth)) return auth
    const ids = (request.query.get('ids') ?? '').split(',').filter(Boolean)
    if (!ids.length || ids.length > 50)
      return graphError('(#100) ids must list 1 to 50 objects', 100)
    const missing = ids.filter((id) => !this.posts.has(id))
    if (missing.length)
      return graphError(
        `(#803) Some of the aliases you requested do not exist: ${missing.join(',')}`,
        803,
        404
      )
    return { json: Object.fromEntries(ids.map((id) => [id, this.counters(this.posts.get(id)!)])) }
  }
}

import type { FakeReply, FakeRequest, FakeServer } from '#sdk/testing/fake_server'
import { graphError, graphTime } from '../../_meta/fake/graph_replies.js'
import { USER, type FakeThreadsOAuth } from './oauth.js'
import type { Figure, ThreadsState } from './state.js'

const POST_METRICS: Figure[] = ['views', 'likes', 'replies', 'reposts', 'quotes', 'shares']

const notFound = (id: string) =>
  graphError(`(#100) Object with ID '${id}' does not exist`, 100, 400, 'THApiException')

/**
 * What the API reads: the profile (/me), its publishing limit, its posts (newest first; replies
 * carry `replied_to`), one node (a container's status, or a post), and insights.
 */
export function readingRoutes(s: FakeServer, state: ThreadsState, oauth: FakeThreadsOAuth) {
  s.route('GET', '/:ver/me', (request) => {
    const denied = oauth.authenticate(request)
    if (denied) return denied
    return {
      json: {
        id: USER.id,
        username: USER.username,
        name: USER.name,
        threads_profile_picture_url: `https://scontent.cdninstagram.example/${USER.id}.jpg`,
      },
    }
  })

  s.route('GET', '/:ver/:user/threads_publishing_limit', (request) => {
    const denied = oauth.authenticate(request, request.params.user)
    if (denied) return denied
    const config = { quota_total: state.quotaTotal, quota_duration: 86400 }
    return { json: { data: [{ quota_usage: state.quotaUsage(), config }] } }
  })

  s.route('GET', '/:ver/:user/threads', (request) => {
    const denied = oauth.authenticate(request, request.params.user)
    if (denied) return denied
    const since = Number(request.query.get('since') ?? 0) * 1000
    const list = [...state.posts.values()]
      .filter((post) => post.timestamp.getTime() >= since)
      .sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime())
      .slice(0, Number(request.query.get('limit') ?? 25))
    return {
      json: {
        data: list.map((post) => ({
          id: post.id,
          text: post.text,
          timestamp: graphTime(post.timestamp),
          permalink: state.permalink(post),
          ...(post.inReplyTo ? { replied_to: { id: post.inReplyTo } } : {}),
        })),
      },
    }
  })

  s.route('GET', '/:ver/:node/insights', (request) => {
    const denied = oauth.authenticate(request)
    if (denied) return denied
    const post = state.posts.get(request.params.node)
    if (!post) return notFound(request.params.node)
    const wanted = (request.query.get('metric') ?? '').split(',')
    if (wanted.some((name) => !POST_METRICS.includes(name as Figure)))
      return graphError(
        `(#100) metric must be one of the following values: ${POST_METRICS.join(', ')}`,
        100,
        400,
        'THApiException'
      )
    return {
      json: {
        data: wanted.map((name) => ({
          name,
          period: 'lifetime',
          values: [{ value: post.figures[name as Figure] }],
          title: name,
          description: name,
          id: `${post.id}/insights/${name}/lifetime`,
        })),
      },
    }
  })

  s.route('GET', '/:ver/:user/threads_insights', (request) => {
    const denied = oauth.authenticate(request, request.params.user)
    if (denied) return denied
    return {
      json: {
        data: [
          {
            name: 'followers_count',
            period: 'day',
            title: 'followers_count',
            total_value: { value: 4321 },
            id: `${USER.id}/insights/followers_count/day`,
          },
        ],
      },
    }
  })

  s.route('GET', '/:ver/:node', (request) => readNode(request, state, oauth))
}

async function readNode(
  request: FakeRequest,
  state: ThreadsState,
  oauth: FakeThreadsOAuth
): Promise<FakeReply> {
  const denied = oauth.authenticate(request)
  if (denied) return denied
  const id = request.params.node
  const container = state.containers.get(id)
  if (container) {
    await state.containers.poll(container)
    return {
      json: {
        id,
        status: container.status,
        ...(container.error ? { error_message: container.error } : {}),
      },
    }
  }
  const post = state.posts.get(id)
  if (!post) return notFound(id)
  return {
    json: {
      id,
      text: post.text,
      permalink: state.permalink(post),
      timestamp: graphTime(post.timestamp),
    },
  }
}

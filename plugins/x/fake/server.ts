import { countXWeighted, type PostMetrics } from '#sdk'
import { FakeServer, type FakeReply, type FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork, StoredPost } from '#sdk/testing/fake_network'
import { OAuthFakeNetwork } from '#sdk/testing/fake_oauth'
import { FakeMediaUploads } from './media.js'
import { CLIENT_ID, CLIENT_SECRET, FakeXOAuth } from './oauth.js'
import { renderText } from './render.js'
import { badBody, invalid, problem, unknownQuery } from './replies.js'
import { conversationFields, joinConversation, linkReply } from './conversations.js'

const USER = { id: '2244994945', name: 'Pistache Agency', username: 'pistache' }

interface Tweet extends StoredPost {
  id: string
  createdAt: string
  media: (StoredPost['media'][number] & { key: string })[]
  conversationId?: string
  metrics: {
    like_count: number
    repost_count: number
    reply_count: number
    quote_count: number
    bookmark_count: number
    impression_count: number
  }
}

/**
 * X in miniature, after the official OpenAPI document in spec/ (2.167), with the OAuth
 * flow of X's docs in oauth.ts: users/me, chunked media upload with a processing phase (media.ts),
 * alt text, posts (t.co-shortened as X returns them), lookups and public metrics. JSON bodies are validated against the spec (400, as X answers), unknown
 * query parameters are refused, and duplicate text is refused with X's 403.
 */
export class FakeX extends OAuthFakeNetwork<FakeXOAuth> implements FakeNetwork {
  server = new FakeServer()
  publishPath = '^/2/tweets$'
  /** Status polls a video or GIF needs before X reports `succeeded`. */
  processingPolls = 2
  checkAfterSecs = 1
  /**
   * X's timeline (GET /2/users/{id}/tweets) lags its writes: a post shows there only this long
   * after it was made (GET /2/tweets?ids= sees it at once). 0 by default; the publishing tests
   * and the fault run set it below the plugin's declared readAfterWriteSeconds.
   */
  timelineLagMs = 0

  #media = new FakeMediaUploads({
    denied: (request) => this.#authorized(request),
    newId: () => this.#id(),
    processingPolls: () => this.processingPolls,
    checkAfterSecs: () => this.checkAfterSecs,
  })
  #tweets = new Map<string, Tweet>()
  #nextId = 1_850_000_000_000_000_000n

  get settings() {
    // mediaWaitSeconds 0: publish hands back `pending` at once, so the kit exercises checkStatus.
    return {
      urls: { api: this.server.baseUrl, authorize: `${this.server.baseUrl}/i/oauth2/authorize` },
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      mediaWaitSeconds: 0,
    }
  }

  constructor() {
    super(new FakeXOAuth())
  }

  static async start() {
    const fake = new FakeX()
    fake.#routes()
    await fake.server.start()
    return fake
  }

  storedPost(externalId: string) {
    return this.#tweets.get(externalId)
  }

  /** A post made outside the plugin (or long ago), for reconciliation tests. */
  seedTweet(text: string, createdAt = new Date()) {
    const tweet = this.#newTweet(text, [])
    tweet.createdAt = createdAt.toISOString()
    return tweet.id
  }

  setMetrics(externalId: string, figures: Partial<PostMetrics>) {
    const tweet = this.#tweets.get(externalId)
    if (!tweet) throw new Error(`no post ${externalId}`)
    tweet.metrics = {
      like_count: figures.likes ?? 0,
      repost_count: figures.shares ?? 0,
      reply_count: figures.comments ?? 0,
      quote_count: figures.quotes ?? 0,
      bookmark_count: figures.saves ?? 0,
      impression_count: figures.views ?? 0,
    }
  }

  close() {
    return this.server.close()
  }

  #id() {
    return String(this.#nextId++)
  }

  #newTweet(text: string, media: Tweet['media']) {
    const tweet: Tweet = {
      id: this.#id(),
      text,
      media,
      createdAt: new Date().toISOString(),
      metrics: {
        like_count: 0,
        repost_count: 0,
        reply_count: 0,
        quote_count: 0,
        bookmark_count: 0,
        impression_count: 0,
      },
    }
    this.#tweets.set(tweet.id, tweet)
    return tweet
  }

  #authorized(request: FakeRequest): FakeReply | null {
    return request.bearer && this.isTokenValid(request.bearer)
      ? null
      : problem(401, 'Unauthorized', 'Unauthorized')
  }

  #postJson(tweet: Tweet, fields: string[]) {
    const rendered = renderText({ id: tweet.id, text: tweet.text, media: tweet.media })
    return {
      id: tweet.id,
      text: rendered.text,
      edit_history_post_ids: [tweet.id],
      ...(fields.includes('created_at') ? { created_at: tweet.createdAt } : {}),
      ...(fields.includes('entities') && rendered.entities ? { entities: rendered.entities } : {}),
      ...(fields.includes('public_metrics') ? { public_metrics: tweet.metrics } : {}),
      ...conversationFields(tweet, fields),
    }
  }

  #routes() {
    this.oauth.routes(this.server)
    this.#userRoutes()
    this.#media.routes(this.server)
    this.#postRoutes()
  }

  #userRoutes() {
    const s = this.server

    s.route('GET', '/2/users/me', (request) => {
      const denied = this.#authorized(request) ?? unknownQuery(request, '/2/users/me')
      if (denied) return denied
      const fields = (request.query.get('user.fields') ?? '').split(',')
      return {
        json: {
          data: {
            ...USER,
            ...(fields.includes('profile_image_url')
              ? { profile_image_url: 'https://pbs.twimg.com/profile_images/1/pistache_normal.png' }
              : {}),
            ...(fields.includes('public_metrics')
              ? {
                  public_metrics: {
                    followers_count: 1280,
                    following_count: 42,
                    post_count: this.#tweets.size,
                    listed_count: 3,
                  },
                }
              : {}),
          },
        },
      }
    })
  }

  #postRoutes() {
    const s = this.server

    s.route('POST', '/2/tweets', (request) => {
      const denied = this.#authorized(request) ?? badBody(request, '/2/tweets')
      if (denied) return denied
      const text = String(request.body.text ?? '')
      const mediaIds: string[] = request.body.media?.media_ids ?? []
      if (!text.trim() && !mediaIds.length) return invalid('Post text or media is required')
      if (countXWeighted(text) > 280) return invalid('Post text is too long.')
      const linked = linkReply(request.body, this.#tweets)
      if (!('parent' in linked)) return linked
      for (const id of mediaIds) {
        const upload = this.#media.get(id)
        if (!upload?.finalized || upload.pollsLeft > 0)
          return invalid('Your media IDs are invalid.')
      }
      const normal = text.normalize('NFC').trim()
      if (
        normal &&
        [...this.#tweets.values()].some((tweet) => tweet.text.normalize('NFC').trim() === normal)
      ) {
        return problem(
          403,
          'Forbidden',
          'You are not allowed to create a Tweet with duplicate content.'
        )
      }
      const media = mediaIds.map((id) => {
        const upload = this.#media.get(id)!
        return {
          kind: upload.type.startsWith('video/') ? ('video' as const) : ('image' as const),
          altText: upload.altText,
          key: `7_${id}`,
        }
      })
      const tweet = this.#newTweet(text, media)
      joinConversation(tweet, linked.parent)
      return {
        status: 201,
        json: {
          data: { id: tweet.id, text: renderText(tweet).text, edit_history_post_ids: [tweet.id] },
        },
      }
    })

    s.route('GET', '/2/tweets', (request) => {
      const denied = this.#authorized(request) ?? unknownQuery(request, '/2/tweets')
      if (denied) return denied
      const ids = (request.query.get('ids') ?? '').split(',').filter(Boolean)
      if (!ids.length || ids.length > 100) return invalid('ids must hold 1 to 100 post ids')
      const fields = (request.query.get('tweet.fields') ?? '').split(',')
      const found = ids.map((id) => this.#tweets.get(id)).filter((tweet): tweet is Tweet => !!tweet)
      const missing = ids.filter((id) => !this.#tweets.has(id))
      return {
        json: {
          ...(found.length ? { data: found.map((tweet) => this.#postJson(tweet, fields)) } : {}),
          ...(missing.length
            ? {
                errors: missing.map((id) => ({
                  value: id,
                  detail: `Could not find post with ids: [${id}].`,
                  title: 'Not Found Error',
                  resource_type: 'tweet',
                  parameter: 'ids',
                  resource_id: id,
                  type: 'https://api.x.com/2/problems/resource-not-found',
                })),
              }
            : {}),
        },
      }
    })

    s.route('GET', '/2/users/:id/tweets', (request) => {
      const denied = this.#authorized(request) ?? unknownQuery(request, '/2/users/{id}/tweets')
      if (denied) return denied
      if (request.params.id !== USER.id)
        return problem(
          404,
          'Not Found Error',
          `Could not find user with id: [${request.params.id}].`
        )
      const max = Number(request.query.get('max_results') ?? 10)
      if (!Number.isInteger(max) || max < 5 || max > 100)
        return invalid('max_results must be between 5 and 100')
      const since = request.query.get('start_time')
      const fields = (request.query.get('tweet.fields') ?? '').split(',')
      // The token names the last post of the previous page: the next page starts below it, so
      // posts made meanwhile never shift a page (X's tokens are opaque cursors too).
      const token = request.query.get('pagination_token')
      const below = token ? BigInt(`0x${token}`) : null
      const visibleBefore = new Date(Date.now() - this.timelineLagMs).toISOString()
      const matching = [...this.#tweets.values()]
        .filter((tweet) => tweet.createdAt <= visibleBefore)
        .filter((tweet) => !since || tweet.createdAt >= new Date(since).toISOString())
        .filter((tweet) => below === null || BigInt(tweet.id) < below)
        .reverse()
      const posts = matching.slice(0, max)
      const more = matching.length > max
      return {
        json: {
          data: posts.map((tweet) => this.#postJson(tweet, fields)),
          meta: {
            result_count: posts.length,
            ...(more ? { next_token: BigInt(posts.at(-1)!.id).toString(16) } : {}),
          },
        },
      }
    })
  }
}

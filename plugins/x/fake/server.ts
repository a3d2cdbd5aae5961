import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { countXWeighted, type PostMetrics } from '#sdk'
import { FakeServer, type FakeReply, type FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork, StoredPost } from '#sdk/testing/fake_network'
import { OAuthFakeNetwork } from '#sdk/testing/fake_oauth'
import { OpenApiValidator } from '#sdk/testing/openapi_validator'
import { CLIENT_ID, CLIENT_SECRET, FakeXOAuth } from './oauth.js'
import { renderText } from './render.js'

const specPath = fileURLToPath(new URL('./spec/openapi.json', import.meta.url))
const spec = new OpenApiValidator(specPath)
const document = JSON.parse(readFileSync(specPath, 'utf8'))

/** The query parameters the spec documents for a path: X answers 400 to any other. */
function documentedQuery(path: string, method: string) {
  return new Set<string>(
    (document.paths[path][method].parameters ?? [])
      .map((p: any) => (p.$ref ? document.components.parameters[p.$ref.split('/').pop()] : p))
      .filter((p: any) => p.in === 'query')
      .map((p: any) => p.name)
  )
}

const USER = { id: '2244994945', name: 'Pistache Agency', username: 'pistache' }

interface Tweet extends StoredPost {
  id: string
  createdAt: string
  media: (StoredPost['media'][number] & { key: string })[]
  metrics: { like_count: number; repost_count: number; reply_count: number; quote_count: number; bookmark_count: number; impression_count: number }
}

interface Upload {
  type: string
  category: string
  totalBytes: number
  segments: Map<number, number>
  finalized: boolean
  /** Status polls still needed before processing succeeds (video and GIF only). */
  pollsLeft: number
  altText: string | null
}

const problem = (status: number, title: string, detail: string, extra: object = {}): FakeReply => ({
  status,
  json: { title, detail, type: status === 400 ? 'https://api.x.com/2/problems/invalid-request' : 'about:blank', status, ...extra },
})
const invalid = (message: string) => problem(400, 'Invalid Request', 'One or more parameters to your request was invalid.', { errors: [{ message }] })

/**
 * X in miniature, after the official OpenAPI document in spec/ (2.167), with the OAuth
 * flow of X's docs in oauth.ts: users/me, chunked media upload with a processing phase,
 * alt text, posts (t.co-shortened as X returns them), lookups and public metrics. JSON bodies are validated against the spec (400, as X answers), unknown
 * query parameters are refused, and duplicate text is refused with X's 403.
 */
export class FakeX extends OAuthFakeNetwork<FakeXOAuth> implements FakeNetwork {
  server = new FakeServer()
  publishPath = '^/2/tweets$'
  /** Status polls a video or GIF needs before X reports `succeeded`. */
  processingPolls = 2
  checkAfterSecs = 1

  #uploads = new Map<string, Upload>()
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
      metrics: { like_count: 0, repost_count: 0, reply_count: 0, quote_count: 0, bookmark_count: 0, impression_count: 0 },
    }
    this.#tweets.set(tweet.id, tweet)
    return tweet
  }

  #checkBody(request: FakeRequest, path: string, body: unknown = request.body, type = 'application/json'): FakeReply | null {
    const problems = spec.validateBody(request.method, path, type, body)
    return problems.length ? invalid(problems.join('; ')) : null
  }

  #checkQuery(request: FakeRequest, path: string): FakeReply | null {
    const allowed = documentedQuery(path, request.method.toLowerCase())
    const unknown = [...request.query.keys()].find((key) => !allowed.has(key))
    return unknown ? invalid(`The query parameter [${unknown}] is not one of [${[...allowed].join(',')}]`) : null
  }

  #authorized(request: FakeRequest): FakeReply | null {
    return request.bearer && this.isTokenValid(request.bearer) ? null : problem(401, 'Unauthorized', 'Unauthorized')
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
    }
  }

  #routes() {
    this.oauth.routes(this.server)
    this.#userRoutes()
    this.#mediaRoutes()
    this.#postRoutes()
  }

  #userRoutes() {
    const s = this.server

    s.route('GET', '/2/users/me', (request) => {
      const denied = this.#authorized(request) ?? this.#checkQuery(request, '/2/users/me')
      if (denied) return denied
      const fields = (request.query.get('user.fields') ?? '').split(',')
      return {
        json: {
          data: {
            ...USER,
            ...(fields.includes('profile_image_url') ? { profile_image_url: 'https://pbs.twimg.com/profile_images/1/pistache_normal.png' } : {}),
            ...(fields.includes('public_metrics')
              ? { public_metrics: { followers_count: 1280, following_count: 42, post_count: this.#tweets.size, listed_count: 3 } }
              : {}),
          },
        },
      }
    })
  }

  #mediaRoutes() {
    const s = this.server

    s.route('POST', '/2/media/upload/initialize', (request) => {
      const denied = this.#authorized(request) ?? this.#checkBody(request, '/2/media/upload/initialize')
      if (denied) return denied
      const { media_type: type, total_bytes: totalBytes, media_category: category } = request.body
      if (!type || totalBytes === undefined) return invalid('media_type and total_bytes are required')
      const id = this.#id()
      const processed = type.startsWith('video/') || type === 'image/gif'
      this.#uploads.set(id, { type, category, totalBytes, segments: new Map(), finalized: false, pollsLeft: processed ? this.processingPolls : 0, altText: null })
      return { json: { data: { id, media_key: `7_${id}`, expires_after_secs: 86400 } } }
    })

    s.route('POST', '/2/media/upload/:id/append', (request) => {
      const denied = this.#authorized(request)
      if (denied) return denied
      const upload = this.#uploads.get(request.params.id)
      if (!upload || upload.finalized) return invalid(`Media id ${request.params.id} is not an open upload`)
      // Multipart fields arrive as text: the schema's integer is the number they spell.
      const file = request.files.media?.[0]
      const fields = { ...request.body, ...(file ? { media: 'binary' } : {}), segment_index: Number(request.body.segment_index) }
      const wrong = this.#checkBody(request, '/2/media/upload/{id}/append', fields, 'multipart/form-data')
      if (wrong) return wrong
      upload.segments.set(fields.segment_index, file!.bytes.length)
      return { json: { data: { expires_at: Math.floor(Date.now() / 1000) + 86400 } } }
    })

    s.route('POST', '/2/media/upload/:id/finalize', (request) => {
      const denied = this.#authorized(request)
      if (denied) return denied
      const upload = this.#uploads.get(request.params.id)
      if (!upload) return invalid(`Media id ${request.params.id} not found`)
      const received = [...upload.segments.values()].reduce((sum, n) => sum + n, 0)
      const contiguous = [...upload.segments.keys()].sort((a, b) => a - b).every((index, i) => index === i)
      if (received !== upload.totalBytes || !contiguous) return invalid('Segments do not add up to provided total file size.')
      upload.finalized = true
      return { json: { data: { id: request.params.id, media_key: `7_${request.params.id}`, size: received, expires_after_secs: 86400, ...this.#processing(upload) } } }
    })

    s.route('GET', '/2/media/upload', (request) => {
      const denied = this.#authorized(request) ?? this.#checkQuery(request, '/2/media/upload')
      if (denied) return denied
      const id = request.query.get('media_id') ?? ''
      const upload = this.#uploads.get(id)
      if (!upload?.finalized) return invalid(`Media id ${id} not found`)
      if (upload.pollsLeft > 0) upload.pollsLeft--
      return { json: { data: { id, media_key: `7_${id}`, ...this.#processing(upload) } } }
    })

    s.route('POST', '/2/media/metadata', (request) => {
      const denied = this.#authorized(request) ?? this.#checkBody(request, '/2/media/metadata')
      if (denied) return denied
      const upload = this.#uploads.get(request.body.id)
      if (!upload?.finalized) return invalid(`Media id ${request.body.id} not found`)
      upload.altText = request.body.metadata?.alt_text?.text ?? upload.altText
      return { json: { data: { id: request.body.id, associated_metadata: request.body.metadata ?? {} } } }
    })
  }

  #processing(upload: Upload) {
    const done = upload.pollsLeft === 0
    if (done && !upload.type.startsWith('video/') && upload.type !== 'image/gif') return {}
    return {
      processing_info: done
        ? { state: 'succeeded', progress_percent: 100 }
        : { state: upload.pollsLeft === this.processingPolls ? 'pending' : 'in_progress', check_after_secs: this.checkAfterSecs, progress_percent: 50 },
    }
  }

  #postRoutes() {
    const s = this.server

    s.route('POST', '/2/tweets', (request) => {
      const denied = this.#authorized(request) ?? this.#checkBody(request, '/2/tweets')
      if (denied) return denied
      const text = String(request.body.text ?? '')
      const mediaIds: string[] = request.body.media?.media_ids ?? []
      if (!text.trim() && !mediaIds.length) return invalid('Post text or media is required')
      if (countXWeighted(text) > 280) return invalid('Post text is too long.')
      for (const id of mediaIds) {
        const upload = this.#uploads.get(id)
        if (!upload?.finalized || upload.pollsLeft > 0) return invalid('Your media IDs are invalid.')
      }
      const normal = text.normalize('NFC').trim()
      if (normal && [...this.#tweets.values()].some((tweet) => tweet.text.normalize('NFC').trim() === normal)) {
        return problem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.')
      }
      const media = mediaIds.map((id) => {
        const upload = this.#uploads.get(id)!
        return { kind: upload.type.startsWith('video/') ? ('video' as const) : ('image' as const), altText: upload.altText, key: `7_${id}` }
      })
      const tweet = this.#newTweet(text, media)
      return { status: 201, json: { data: { id: tweet.id, text: renderText(tweet).text, edit_history_post_ids: [tweet.id] } } }
    })

    s.route('GET', '/2/tweets', (request) => {
      const denied = this.#authorized(request) ?? this.#checkQuery(request, '/2/tweets')
      if (denied) return denied
      const ids = (request.query.get('ids') ?? '').split(',').filter(Boolean)
      if (!ids.length || ids.length > 100) return invalid('ids must hold 1 to 100 post ids')
      const fields = (request.query.get('post.fields') ?? '').split(',')
      const found = ids.map((id) => this.#tweets.get(id)).filter((tweet): tweet is Tweet => !!tweet)
      const missing = ids.filter((id) => !this.#tweets.has(id))
      return {
        json: {
          ...(found.length ? { data: found.map((tweet) => this.#postJson(tweet, fields)) } : {}),
          ...(missing.length
            ? { errors: missing.map((id) => ({ value: id, detail: `Could not find post with ids: [${id}].`, title: 'Not Found Error', resource_type: 'tweet', parameter: 'ids', resource_id: id, type: 'https://api.x.com/2/problems/resource-not-found' })) }
            : {}),
        },
      }
    })

    s.route('GET', '/2/users/:id/tweets', (request) => {
      const denied = this.#authorized(request) ?? this.#checkQuery(request, '/2/users/{id}/tweets')
      if (denied) return denied
      if (request.params.id !== USER.id) return problem(404, 'Not Found Error', `Could not find user with id: [${request.params.id}].`)
      const max = Number(request.query.get('max_results') ?? 10)
      if (!Number.isInteger(max) || max < 5 || max > 100) return invalid('max_results must be between 5 and 100')
      const since = request.query.get('start_time')
      const fields = (request.query.get('post.fields') ?? '').split(',')
      const posts = [...this.#tweets.values()]
        .filter((tweet) => !since || tweet.createdAt >= new Date(since).toISOString())
        .reverse()
        .slice(0, max)
      return { json: { data: posts.map((tweet) => this.#postJson(tweet, fields)), meta: { result_count: posts.length } } }
    })
  }
}

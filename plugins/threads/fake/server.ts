import { randomBytes } from 'node:crypto'
import type { PostMetrics } from '#sdk'
import { FakeServer, type FakeReply, type FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork, StoredPost } from '#sdk/testing/fake_network'

export const CLIENT_ID = '990011223344556'
export const CLIENT_SECRET = 'fake-threads-app-secret'
const USER = { id: '25000000000000001', username: 'pistache.threads', name: 'Pistache on Threads' }
const DAY = 86_400_000
const SIXTY_DAYS_S = 5_184_000
const REPLY_CONTROLS = ['everyone', 'accounts_you_follow', 'mentioned_only', 'parent_post_author_only', 'followers_only']
/** Container fields the posts reference documents (threads/FLOW.md "Publish"). */
const CONTAINER_FIELDS = ['media_type', 'text', 'image_url', 'video_url', 'is_carousel_item', 'children', 'reply_to_id', 'reply_control', 'topic_tag', 'link_attachment', 'alt_text', 'quote_post_id']
const POST_METRICS = ['views', 'likes', 'replies', 'reposts', 'quotes', 'shares']

type Status = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED'

interface Token {
  kind: 'short' | 'long'
  issuedAt: number
  expiresAt: number
  valid: boolean
}

interface Container {
  id: string
  mediaType: 'TEXT' | 'IMAGE' | 'VIDEO' | 'CAROUSEL'
  text: string
  altText: string | null
  carouselItem: boolean
  children: string[]
  status: Status
  error: string | null
  pollsLeft: number
  download: Promise<string | null>
}

interface Post extends StoredPost {
  id: string
  timestamp: Date
  figures: Record<'views' | 'likes' | 'replies' | 'reposts' | 'quotes' | 'shares', number>
}

const graphTime = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, '+0000')
const error = (message: string, code: number, status = 400, type = 'OAuthException'): FakeReply => ({
  status,
  json: { error: { message, type, code, fbtrace_id: randomBytes(8).toString('base64url') } },
})

/** Threads' own count, written apart from the plugin's: code points, an emoji = its UTF-8 bytes. */
function threadsLength(text: string) {
  let count = 0
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    count += /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(segment) ? Buffer.byteLength(segment) : [...segment].length
  }
  return count
}

async function download(url: string, kind: 'image' | 'video'): Promise<string | null> {
  const failure = 'Media download has failed. The media URI doesn\'t meet our requirements.'
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) })
    const bytes = new Uint8Array(await response.arrayBuffer())
    return response.ok && (response.headers.get('content-type') ?? '').startsWith(`${kind}/`) && bytes.length ? null : failure
  } catch {
    return failure
  }
}

/**
 * Threads in miniature, after threads/FLOW.md (no machine-readable spec exists): its OAuth with
 * short- and long-lived tokens and th_refresh_token (unexpired tokens only), /me, containers that
 * download their media from the given URL and finish over status reads, carousels of 2–20,
 * threads_publish with the rolling 24-hour quota, the profile's posts, and post insights.
 */
export class FakeThreads implements FakeNetwork {
  server = new FakeServer()
  publishPath = '/threads_publish$'
  processingPolls = 1
  quotaTotal = 250

  #codes = new Map<string, { redirectUri: string }>()
  #tokens = new Map<string, Token>()
  #containers = new Map<string, Container>()
  #posts = new Map<string, Post>()
  #published: number[] = []
  #next = 18_000_000_000_000_001n

  get settings() {
    const base = this.server.baseUrl
    return { urls: { graph: base, authorize: `${base}/oauth/authorize`, web: 'https://www.threads.net' }, apiVersion: 'v1.0', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }
  }

  static async start() {
    const fake = new FakeThreads()
    fake.#routes()
    await fake.server.start()
    return fake
  }

  isTokenValid(token: string) {
    const record = this.#tokens.get(token)
    return !!record?.valid && record.expiresAt > Date.now()
  }

  expireAccessToken(token: string) {
    const record = this.#tokens.get(token)
    if (record) record.expiresAt = Date.now() - 1000
  }

  /** Moves a token's issue date back, as if it had been issued `ms` earlier (refresh needs ≥ 24 h). */
  ageToken(token: string, ms: number) {
    const record = this.#tokens.get(token)
    if (record) record.issuedAt -= ms
  }

  storedPost(externalId: string) {
    return this.#posts.get(externalId)
  }

  seedPost(text: string, timestamp = new Date()) {
    return this.#newPost(text, [], timestamp).id
  }

  setMetrics(externalId: string, figures: Partial<PostMetrics>) {
    const post = this.#posts.get(externalId)
    if (!post) throw new Error(`no post ${externalId}`)
    post.figures = { views: figures.views ?? 0, likes: figures.likes ?? 0, replies: figures.comments ?? 0, reposts: figures.shares ?? 0, quotes: figures.quotes ?? 0, shares: 0 }
  }

  close() {
    return this.server.close()
  }

  #id() {
    return String(this.#next++)
  }

  #issue(kind: Token['kind'], lifetimeS: number) {
    const token = `TH${kind}${randomBytes(20).toString('base64url')}`
    this.#tokens.set(token, { kind, issuedAt: Date.now(), expiresAt: Date.now() + lifetimeS * 1000, valid: true })
    return { token, lifetimeS }
  }

  #newPost(text: string, media: StoredPost['media'], timestamp = new Date()) {
    const post: Post = { id: this.#id(), text, media, timestamp, figures: { views: 0, likes: 0, replies: 0, reposts: 0, quotes: 0, shares: 0 } }
    this.#posts.set(post.id, post)
    return post
  }

  #authenticate(request: FakeRequest, user?: string): FakeReply | null {
    const token = request.bearer ?? request.query.get('access_token')
    const record = token ? this.#tokens.get(token) : undefined
    if (!token || !record) return error('Invalid OAuth access token - Cannot parse access token', 190)
    if (!record.valid || record.expiresAt <= Date.now()) return error('Error validating access token: Session has expired.', 190)
    if (user && ![USER.id, 'me'].includes(user)) return error(`(#100) Object with ID '${user}' does not exist`, 100, 400, 'THApiException')
    return null
  }

  #routes() {
    const s = this.server

    s.route('GET', '/oauth/authorize', (request) => {
      const q = request.query
      const redirectUri = q.get('redirect_uri') ?? ''
      if (q.get('client_id') !== CLIENT_ID || q.get('response_type') !== 'code' || !/^https?:\/\//.test(redirectUri) || !q.get('scope')) {
        return { status: 400, text: 'Invalid request: client_id, redirect_uri, scope and response_type=code are required' }
      }
      const code = randomBytes(20).toString('base64url')
      this.#codes.set(code, { redirectUri })
      const target = new URL(redirectUri)
      target.searchParams.set('code', code)
      if (q.get('state')) target.searchParams.set('state', q.get('state')!)
      return { redirect: `${target.toString()}#_` }
    })

    s.route('POST', '/oauth/access_token', (request) => {
      const b = request.body
      if (b.client_id !== CLIENT_ID || b.client_secret !== CLIENT_SECRET) return error('Error validating client secret.', 1)
      const grant = this.#codes.get(b.code)
      this.#codes.delete(b.code)
      if (b.grant_type !== 'authorization_code' || !grant || grant.redirectUri !== b.redirect_uri) return error('Invalid verification code format.', 100)
      const { token } = this.#issue('short', 3600)
      return { json: { access_token: token, user_id: Number(USER.id) } }
    })

    s.route('GET', '/access_token', (request) => {
      const q = request.query
      if (q.get('grant_type') !== 'th_exchange_token' || q.get('client_secret') !== CLIENT_SECRET) return error('Error validating client secret.', 1)
      const short = this.#tokens.get(q.get('access_token') ?? '')
      if (!short || short.kind !== 'short' || !this.isTokenValid(q.get('access_token')!)) return error('Error validating access token.', 190)
      const { token, lifetimeS } = this.#issue('long', SIXTY_DAYS_S)
      return { json: { access_token: token, token_type: 'bearer', expires_in: lifetimeS } }
    })

    s.route('GET', '/refresh_access_token', (request) => {
      const q = request.query
      const current = q.get('access_token') ?? ''
      const record = this.#tokens.get(current)
      if (q.get('grant_type') !== 'th_refresh_token' || !record || record.kind !== 'long') return error('Invalid OAuth access token - Cannot parse access token', 190)
      // Only an unexpired long-lived token can be refreshed (FLOW.md): an expired one means a new login.
      if (!this.isTokenValid(current)) return error('Error validating access token: Session has expired.', 190)
      if (Date.now() - record.issuedAt < DAY) return error('(#100) The access token must be at least 24 hours old to be refreshed', 100, 400, 'THApiException')
      const { token, lifetimeS } = this.#issue('long', SIXTY_DAYS_S)
      return { json: { access_token: token, token_type: 'bearer', expires_in: lifetimeS } }
    })

    s.route('GET', '/:ver/me', (request) => {
      const denied = this.#authenticate(request)
      if (denied) return denied
      return { json: { id: USER.id, username: USER.username, name: USER.name, threads_profile_picture_url: `https://scontent.cdninstagram.example/${USER.id}.jpg` } }
    })

    s.route('GET', '/:ver/:user/threads_publishing_limit', (request) => {
      const denied = this.#authenticate(request, request.params.user)
      if (denied) return denied
      return { json: { data: [{ quota_usage: this.#quotaUsage(), config: { quota_total: this.quotaTotal, quota_duration: 86400 } }] } }
    })

    s.route('POST', '/:ver/:user/threads', (request) => this.#createContainer(request))

    s.route('POST', '/:ver/:user/threads_publish', (request) => {
      const denied = this.#authenticate(request, request.params.user)
      if (denied) return denied
      const container = this.#containers.get(String(request.body.creation_id ?? request.query.get('creation_id')))
      if (!container || container.carouselItem) return error('(#100) The media container was not found', 100, 400, 'THApiException')
      if (this.#quotaUsage() >= this.quotaTotal) return error('(#9) Publishing limit reached for this profile', 9)
      if (container.status === 'PUBLISHED') return error('(#100) This container has already been published', 100, 400, 'THApiException')
      if (container.status !== 'FINISHED') return error('(#9007) The media is not ready to be published, please wait', 9007, 400, 'THApiException')
      const items = container.mediaType === 'CAROUSEL' ? container.children.map((id) => this.#containers.get(id)!) : container.mediaType === 'TEXT' ? [] : [container]
      const post = this.#newPost(container.text, items.map((item) => ({ kind: item.mediaType === 'VIDEO' ? ('video' as const) : ('image' as const), altText: item.altText })))
      container.status = 'PUBLISHED'
      this.#published.push(Date.now())
      return { json: { id: post.id } }
    })

    s.route('GET', '/:ver/:user/threads', (request) => {
      const denied = this.#authenticate(request, request.params.user)
      if (denied) return denied
      const since = Number(request.query.get('since') ?? 0) * 1000
      const list = [...this.#posts.values()]
        .filter((post) => post.timestamp.getTime() >= since)
        .sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime())
        .slice(0, Number(request.query.get('limit') ?? 25))
      return { json: { data: list.map((post) => ({ id: post.id, text: post.text, timestamp: graphTime(post.timestamp), permalink: this.#permalink(post) })) } }
    })

    s.route('GET', '/:ver/:node/insights', (request) => {
      const denied = this.#authenticate(request)
      if (denied) return denied
      const post = this.#posts.get(request.params.node)
      if (!post) return error(`(#100) Object with ID '${request.params.node}' does not exist`, 100, 400, 'THApiException')
      const wanted = (request.query.get('metric') ?? '').split(',')
      const bad = wanted.find((name) => !POST_METRICS.includes(name))
      if (bad) return error(`(#100) metric must be one of the following values: ${POST_METRICS.join(', ')}`, 100, 400, 'THApiException')
      return {
        json: {
          data: wanted.map((name) => ({ name, period: 'lifetime', values: [{ value: post.figures[name as keyof Post['figures']] }], title: name, description: name, id: `${post.id}/insights/${name}/lifetime` })),
        },
      }
    })

    s.route('GET', '/:ver/:user/threads_insights', (request) => {
      const denied = this.#authenticate(request, request.params.user)
      if (denied) return denied
      return { json: { data: [{ name: 'followers_count', period: 'day', title: 'followers_count', total_value: { value: 4321 }, id: `${USER.id}/insights/followers_count/day` }] } }
    })

    s.route('GET', '/:ver/:node', (request) => this.#readNode(request))
  }

  #quotaUsage() {
    return this.#published.filter((at) => at >= Date.now() - DAY).length
  }

  async #createContainer(request: FakeRequest): Promise<FakeReply> {
    const denied = this.#authenticate(request, request.params.user)
    if (denied) return denied
    const f: Record<string, string> = { ...Object.fromEntries(request.query), ...request.body }
    const unknown = Object.keys(f).find((key) => !CONTAINER_FIELDS.includes(key) && key !== 'access_token')
    if (unknown) return error(`(#100) Param ${unknown} is not a valid parameter`, 100, 400, 'THApiException')
    const text = f.text ?? ''
    if (threadsLength(text) > 500) return error('(#100) The text is longer than 500 characters', 100, 400, 'THApiException')
    if (f.reply_control && !REPLY_CONTROLS.includes(f.reply_control)) return error('(#100) reply_control is not valid', 100, 400, 'THApiException')
    const carouselItem = f.is_carousel_item === 'true'
    const base = { id: this.#id(), text, altText: f.alt_text ?? null, carouselItem, children: [] as string[], status: 'IN_PROGRESS' as Status, error: null }
    switch (f.media_type) {
      case 'TEXT':
        if (!text.trim()) return error('(#100) text is required for TEXT posts', 100, 400, 'THApiException')
        return this.#store({ ...base, mediaType: 'TEXT', pollsLeft: this.processingPolls, download: Promise.resolve(null) })
      case 'IMAGE':
        if (!f.image_url) return error('(#100) image_url is required', 100, 400, 'THApiException')
        return this.#store({ ...base, mediaType: 'IMAGE', pollsLeft: this.processingPolls, download: download(f.image_url, 'image') })
      case 'VIDEO':
        if (!f.video_url) return error('(#100) video_url is required', 100, 400, 'THApiException')
        return this.#store({ ...base, mediaType: 'VIDEO', pollsLeft: this.processingPolls + 2, download: download(f.video_url, 'video') })
      case 'CAROUSEL': {
        const children = (f.children ?? '').split(',').filter(Boolean)
        const valid = children.every((id) => this.#containers.get(id)?.carouselItem && this.#containers.get(id)?.status === 'FINISHED')
        if (children.length < 2 || children.length > 20 || !valid) return error('(#100) A carousel takes 2 to 20 finished carousel items', 100, 400, 'THApiException')
        return this.#store({ ...base, mediaType: 'CAROUSEL', children, pollsLeft: this.processingPolls, download: Promise.resolve(null) })
      }
      default:
        return error('(#100) media_type must be one of TEXT, IMAGE, VIDEO, CAROUSEL', 100, 400, 'THApiException')
    }
  }

  #store(container: Container): FakeReply {
    this.#containers.set(container.id, container)
    return { json: { id: container.id } }
  }

  async #readNode(request: FakeRequest): Promise<FakeReply> {
    const denied = this.#authenticate(request)
    if (denied) return denied
    const id = request.params.node
    const container = this.#containers.get(id)
    if (container) {
      if (container.status === 'IN_PROGRESS') {
        container.pollsLeft = Math.max(0, container.pollsLeft - 1)
        const failure = container.pollsLeft === 0 ? await container.download : null
        if (failure) Object.assign(container, { status: 'ERROR', error: failure })
        else if (container.pollsLeft === 0) container.status = 'FINISHED'
      }
      return { json: { id, status: container.status, ...(container.error ? { error_message: container.error } : {}) } }
    }
    const post = this.#posts.get(id)
    if (post) return { json: { id, text: post.text, permalink: this.#permalink(post), timestamp: graphTime(post.timestamp) } }
    return error(`(#100) Object with ID '${id}' does not exist`, 100, 400, 'THApiException')
  }

  #permalink(post: Post) {
    return `https://www.threads.net/@${USER.username}/post/${Buffer.from(post.id).toString('base64url').slice(0, 11)}`
  }
}

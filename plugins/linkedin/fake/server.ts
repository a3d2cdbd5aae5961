import { randomBytes } from 'node:crypto'
import type { PostMetrics } from '#sdk'
import { FakeServer, type FakeReply, type FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork, StoredPost } from '#sdk/testing/fake_network'
import { OAuthFakeNetwork } from '#sdk/testing/fake_oauth'
import { CLIENT_ID, CLIENT_SECRET, FakeLinkedInOAuth } from './oauth.js'
import { parseLittleText } from './little_text.js'

export const MEMBER = { sub: 'aB3dE5fG7h', name: 'Camille Pistache', picture: 'https://media.licdn.com/dms/image/camille.jpg' }
export const ORGANIZATIONS = [
  { id: 2414183, localizedName: 'Pistache Agency', vanityName: 'pistache-agency' },
  { id: 5580231, localizedName: 'Pistache Labs', vanityName: 'pistache-labs' },
]
const MEMBER_URN = `urn:li:person:${MEMBER.sub}`
const VISIBILITIES = ['PUBLIC', 'CONNECTIONS', 'LOGGED_IN', 'CONTAINER']

interface Asset {
  urn: string
  kind: 'image' | 'video'
  owner: string
  size: number
  received: Map<number, { bytes: number; etag: string }>
  parts: { uploadUrl: string; firstByte: number; lastByte: number }[]
  uploadToken: string
  status: 'WAITING_UPLOAD' | 'PROCESSING' | 'AVAILABLE'
  pollsLeft: number
}

interface Post extends StoredPost {
  urn: string
  author: string
  commentary: string
  visibility: string
  createdAt: number
  metrics: Required<Pick<PostMetrics, 'likes' | 'comments' | 'shares' | 'views' | 'reach' | 'clicks'>>
}

/** LinkedIn's error envelope. */
const error = (status: number, message: string, code = 'ERROR'): FakeReply => ({ status, json: { status, serviceErrorCode: 100, code, message } })

/**
 * LinkedIn in miniature, after FLOW.md (LinkedIn publishes no OpenAPI; the third-party files in
 * provider-specs are too loose to validate against): OpenID userinfo, organisation ACLs for the
 * picker, image and multipart video uploads with a processing phase, /rest/posts with little-text
 * commentary, the posts-by-author finder, and the statistics endpoints. Every /rest call must
 * carry a LinkedIn-Version (YYYYMM) and X-Restli-Protocol-Version 2.0.0.
 */
export class FakeLinkedIn extends OAuthFakeNetwork<FakeLinkedInOAuth> implements FakeNetwork {
  server = new FakeServer()
  publishPath = '^/rest/posts$'
  /** Status reads a video needs before LinkedIn reports AVAILABLE. */
  processingPolls = 2
  /** Bytes per video part in upload instructions (LinkedIn uses about 4 MB). */
  partBytes = 4 * 1024 * 1024

  #assets = new Map<string, Asset>()
  #posts = new Map<string, Post>()
  #next = 7_100_000_000_000_000_000n

  get settings() {
    return {
      urls: { api: this.server.baseUrl, oauth: `${this.server.baseUrl}/oauth/v2`, web: 'https://www.linkedin.com' },
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
    }
  }

  constructor() {
    super(new FakeLinkedInOAuth())
  }

  static async start() {
    const fake = new FakeLinkedIn()
    fake.oauth.routes(fake.server)
    fake.#profileRoutes()
    fake.#assetRoutes()
    fake.#postRoutes()
    fake.#statsRoutes()
    await fake.server.start()
    return fake
  }

  storedPost(urn: string) {
    return this.#posts.get(urn)
  }

  asset(urn: string) {
    return this.#assets.get(urn)
  }

  setMetrics(urn: string, figures: Partial<PostMetrics>) {
    const post = this.#posts.get(urn)
    if (!post) throw new Error(`no post ${urn}`)
    post.metrics = {
      likes: figures.likes ?? 0,
      comments: figures.comments ?? 0,
      shares: figures.shares ?? 0,
      views: figures.views ?? 0,
      reach: figures.reach ?? 0,
      clicks: figures.clicks ?? 0,
    }
  }

  close() {
    return this.server.close()
  }

  #id() {
    return String(this.#next++)
  }

  #auth(request: FakeRequest): FakeReply | null {
    if (!request.bearer || !this.isTokenValid(request.bearer)) return error(401, 'Invalid access token', 'INVALID_ACCESS_TOKEN')
    return null
  }

  /** Auth, then the versioning headers every /rest call needs. */
  #rest(request: FakeRequest): FakeReply | null {
    const denied = this.#auth(request)
    if (denied) return denied
    const version = String(request.headers['linkedin-version'] ?? '')
    if (!/^\d{6}(\.\d{2})?$/.test(version)) return error(400, `A version must be present. Please specify a version by adding the LinkedIn-Version header`, 'VERSION_MISSING')
    if (request.headers['x-restli-protocol-version'] !== '2.0.0') return error(400, 'X-Restli-Protocol-Version 2.0.0 is required', 'PROTOCOL_VERSION')
    return null
  }

  #can(request: FakeRequest, scope: string) {
    return this.oauth.scopeOf(request.bearer ?? '').includes(scope)
  }

  /** The member may act as themself or as a Page they administer. */
  #mayActAs(urn: string) {
    return urn === MEMBER_URN || ORGANIZATIONS.some((org) => urn === `urn:li:organization:${org.id}`)
  }

  #profileRoutes() {
    const s = this.server
    s.route('GET', '/v2/userinfo', (request) => this.#auth(request) ?? { json: { ...MEMBER, given_name: 'Camille', family_name: 'Pistache', email_verified: true } })

    s.route('GET', '/rest/organizationAcls', (request) => {
      const denied = this.#rest(request)
      if (denied) return denied
      if (!this.#can(request, 'rw_organization_admin')) return error(403, 'Not enough permissions to access: organizationAcls.FINDER-roleAssignee', 'ACCESS_DENIED')
      if (request.query.get('q') !== 'roleAssignee') return error(400, 'unknown finder')
      return {
        json: {
          paging: { start: 0, count: 10, total: ORGANIZATIONS.length },
          elements: ORGANIZATIONS.map((org) => ({ roleAssignee: MEMBER_URN, state: 'APPROVED', role: 'ADMINISTRATOR', organization: `urn:li:organization:${org.id}` })),
        },
      }
    })

    s.route('GET', '/rest/organizations/:id', (request) => {
      const denied = this.#rest(request)
      if (denied) return denied
      const org = ORGANIZATIONS.find((o) => String(o.id) === request.params.id)
      return org ? { json: { ...org, localizedName: org.localizedName } } : error(404, 'Organization not found', 'NOT_FOUND')
    })
  }

  #assetRoutes() {
    const s = this.server

    s.route('POST', '/rest/images', (request) => {
      const denied = this.#rest(request)
      if (denied) return denied
      if (request.query.get('action') !== 'initializeUpload') return error(400, 'unknown action')
      const owner = request.body.initializeUploadRequest?.owner
      if (!owner || !this.#mayActAs(owner)) return error(403, `Not enough permissions to act as ${owner}`, 'ACCESS_DENIED')
      const id = this.#id()
      const urn = `urn:li:image:C4D${id}`
      this.#assets.set(urn, { urn, kind: 'image', owner, size: -1, received: new Map(), parts: [], uploadToken: '', status: 'WAITING_UPLOAD', pollsLeft: 0 })
      return { json: { value: { uploadUrlExpiresAt: Date.now() + 86_400_000, uploadUrl: `${s.baseUrl}/dms-uploads/image/${id}`, image: urn } } }
    })

    s.route('PUT', '/dms-uploads/image/:id', (request) => {
      const denied = this.#auth(request)
      if (denied) return denied
      const asset = this.#assets.get(`urn:li:image:C4D${request.params.id}`)
      if (!asset || asset.status !== 'WAITING_UPLOAD') return error(400, 'no upload waiting here')
      if (!request.rawBody.length) return error(400, 'empty upload')
      asset.status = 'AVAILABLE'
      asset.size = request.rawBody.length
      return { status: 201, text: '' }
    })

    s.route('POST', '/rest/videos', (request) => {
      const denied = this.#rest(request)
      if (denied) return denied
      const action = request.query.get('action')
      if (action === 'initializeUpload') return this.#initVideo(request)
      if (action === 'finalizeUpload') return this.#finalizeVideo(request)
      return error(400, 'unknown action')
    })

    s.route('PUT', '/dms-uploads/video/:id/:part', (request) => {
      const asset = this.#assets.get(`urn:li:video:C5F${request.params.id}`)
      const index = Number(request.params.part)
      const part = asset?.parts[index]
      if (!asset || !part) return error(404, 'unknown upload part')
      if (request.rawBody.length !== part.lastByte - part.firstByte + 1) return error(400, `part ${index} must be ${part.lastByte - part.firstByte + 1} bytes`)
      const etag = `/ambry/${randomBytes(8).toString('hex')}`
      asset.received.set(index, { bytes: request.rawBody.length, etag })
      return { status: 200, headers: { etag }, text: '' }
    })

    for (const kind of ['images', 'videos'] as const) {
      s.route('GET', `/rest/${kind}/:urn`, (request) => {
        const denied = this.#rest(request)
        if (denied) return denied
        const asset = this.#assets.get(request.params.urn)
        if (!asset) return error(404, `${request.params.urn} not found`, 'NOT_FOUND')
        if (asset.status === 'PROCESSING' && --asset.pollsLeft <= 0) asset.status = 'AVAILABLE'
        return { json: { id: asset.urn, owner: asset.owner, status: asset.status } }
      })
    }
  }

  #initVideo(request: FakeRequest): FakeReply {
    const init = request.body.initializeUploadRequest ?? {}
    if (!init.owner || !this.#mayActAs(init.owner)) return error(403, `Not enough permissions to act as ${init.owner}`, 'ACCESS_DENIED')
    if (!Number.isInteger(init.fileSizeBytes) || init.fileSizeBytes <= 0) return error(422, 'fileSizeBytes is required')
    const id = this.#id()
    const urn = `urn:li:video:C5F${id}`
    const parts: Asset['parts'] = []
    for (let first = 0, index = 0; first < init.fileSizeBytes; first += this.partBytes, index++) {
      parts.push({ uploadUrl: `${this.server.baseUrl}/dms-uploads/video/${id}/${index}`, firstByte: first, lastByte: Math.min(first + this.partBytes, init.fileSizeBytes) - 1 })
    }
    const uploadToken = parts.length > 1 ? randomBytes(12).toString('hex') : ''
    this.#assets.set(urn, { urn, kind: 'video', owner: init.owner, size: init.fileSizeBytes, received: new Map(), parts, uploadToken, status: 'WAITING_UPLOAD', pollsLeft: this.processingPolls })
    return { json: { value: { uploadUrlsExpireAt: Date.now() + 86_400_000, video: urn, uploadInstructions: parts, uploadToken } } }
  }

  #finalizeVideo(request: FakeRequest): FakeReply {
    const finalize = request.body.finalizeUploadRequest ?? {}
    const asset = this.#assets.get(finalize.video)
    if (!asset || asset.kind !== 'video') return error(404, 'unknown video')
    if ((finalize.uploadToken ?? '') !== asset.uploadToken) return error(400, 'uploadToken does not match')
    const etags = asset.parts.map((_, index) => asset.received.get(index)?.etag)
    if (etags.some((etag) => !etag) || JSON.stringify(etags) !== JSON.stringify(finalize.uploadedPartIds)) {
      return error(400, 'uploadedPartIds must list every part ETag in order')
    }
    asset.status = 'PROCESSING'
    return { status: 200, text: '' }
  }

  #postRoutes() {
    const s = this.server

    s.route('POST', '/rest/posts', (request) => {
      const denied = this.#rest(request)
      if (denied) return denied
      const body = request.body
      for (const field of ['author', 'commentary', 'visibility', 'distribution', 'lifecycleState']) {
        if (body[field] === undefined) return error(422, `/${field} is required`, 'FIELD_REQUIRED')
      }
      if (!this.#mayActAs(body.author)) return error(403, `Not enough permissions to post as ${body.author}`, 'ACCESS_DENIED')
      if (!VISIBILITIES.includes(body.visibility)) return error(422, `/visibility ${body.visibility} is not valid`)
      if (body.lifecycleState !== 'PUBLISHED' && body.lifecycleState !== 'DRAFT') return error(422, '/lifecycleState is not valid')
      if (body.distribution?.feedDistribution === undefined) return error(422, '/distribution/feedDistribution is required')
      const parsed = parseLittleText(String(body.commentary))
      if ('error' in parsed) return error(422, `/commentary: ${parsed.error}`)
      if (parsed.text.length > 3000) return error(422, '/commentary is longer than 3000 characters')
      const media = this.#mediaOf(body.content, body.author)
      if ('error' in media) return error(422, media.error)
      const post: Post = {
        urn: `urn:li:share:${this.#id()}`,
        author: body.author,
        commentary: body.commentary,
        text: parsed.text,
        visibility: body.visibility,
        media: media.items,
        createdAt: Date.now(),
        metrics: { likes: 0, comments: 0, shares: 0, views: 0, reach: 0, clicks: 0 },
      }
      this.#posts.set(post.urn, post)
      return { status: 201, headers: { 'x-restli-id': post.urn, 'x-linkedin-id': post.urn }, text: '' }
    })

    s.route('GET', '/rest/posts', (request) => {
      const denied = this.#rest(request)
      if (denied) return denied
      if (request.query.get('q') !== 'author') return error(400, 'unknown finder')
      const author = request.query.get('author') ?? ''
      const count = Math.min(Number(request.query.get('count') ?? 10), 100)
      const posts = [...this.#posts.values()].filter((post) => post.author === author).sort((a, b) => b.createdAt - a.createdAt).slice(0, count)
      return {
        json: {
          paging: { start: 0, count, links: [] },
          elements: posts.map((post) => ({ id: post.urn, author: post.author, commentary: post.commentary, visibility: post.visibility, lifecycleState: 'PUBLISHED', createdAt: post.createdAt, publishedAt: post.createdAt, lastModifiedAt: post.createdAt })),
        },
      }
    })
  }

  #mediaOf(content: any, author: string): { items: StoredPost['media'] } | { error: string } {
    if (!content) return { items: [] }
    const refs: { id: string; altText?: string }[] = content.media ? [content.media] : (content.multiImage?.images ?? [])
    if (content.multiImage && (refs.length < 2 || refs.length > 20)) return { error: '/content/multiImage/images must hold 2 to 20 images' }
    const items: StoredPost['media'] = []
    for (const ref of refs) {
      const asset = this.#assets.get(ref.id)
      if (!asset || asset.owner !== author) return { error: `${ref.id} is not an asset of ${author}` }
      if (asset.status !== 'AVAILABLE') return { error: `${ref.id} is ${asset.status}, not AVAILABLE` }
      if (content.multiImage && asset.kind !== 'image') return { error: 'multiImage takes images only' }
      items.push({ kind: asset.kind, altText: ref.altText ?? null })
    }
    return { items }
  }

  #statsRoutes() {
    const s = this.server

    s.route('GET', '/rest/socialActions/:urn', (request) => {
      const denied = this.#rest(request)
      if (denied) return denied
      const post = this.#posts.get(request.params.urn)
      if (!post) return error(404, `${request.params.urn} not found`, 'NOT_FOUND')
      return {
        json: {
          target: post.urn,
          likesSummary: { totalLikes: post.metrics.likes, aggregatedTotalLikes: post.metrics.likes, likedByCurrentUser: false },
          commentsSummary: { totalFirstLevelComments: post.metrics.comments, aggregatedTotalComments: post.metrics.comments },
        },
      }
    })

    s.route('GET', '/rest/memberCreatorPostAnalytics', (request) => {
      const denied = this.#rest(request)
      if (denied) return denied
      if (!this.#can(request, 'r_member_postAnalytics')) return error(403, 'Not enough permissions to access memberCreatorPostAnalytics', 'ACCESS_DENIED')
      const entity = /^\((share|ugc):(urn:li:(?:share|ugcPost):\d+)\)$/.exec(request.query.get('entity') ?? '')
      const post = entity ? this.#posts.get(entity[2]) : undefined
      if (!post || post.author !== MEMBER_URN) return error(400, 'entity must be one of your own posts')
      const metric = { IMPRESSION: post.metrics.views, MEMBERS_REACHED: post.metrics.reach, RESHARE: post.metrics.shares, REACTION: post.metrics.likes, COMMENT: post.metrics.comments }[
        request.query.get('queryType') ?? ''
      ]
      if (metric === undefined || request.query.get('aggregation') !== 'TOTAL') return error(400, 'queryType and aggregation=TOTAL are required')
      return { json: { paging: { start: 0, count: 10, links: [] }, elements: [{ count: metric, metricType: { 'com.linkedin.adsexternalapi.memberanalytics.v1.CreatorPostAnalyticsMetricTypeV1': request.query.get('queryType') } }] } }
    })

    s.route('GET', '/rest/organizationalEntityShareStatistics', (request) => {
      const denied = this.#rest(request)
      if (denied) return denied
      const organization = request.query.get('organizationalEntity') ?? ''
      if (request.query.get('q') !== 'organizationalEntity' || !organization.startsWith('urn:li:organization:')) return error(400, 'organizationalEntity is required')
      const listed = (name: string) => /^List\((.*)\)$/.exec(request.query.get(name) ?? '')?.[1].split(',').filter(Boolean) ?? []
      const urns = [...listed('shares'), ...listed('ugcPosts')]
      const elements = urns
        .map((urn) => this.#posts.get(urn))
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
}

import { randomBytes } from 'node:crypto'
import type { PostMetrics } from '#sdk'
import { FakeServer, type FakeReply, type FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork, StoredPost } from '#sdk/testing/fake_network'
import { APP_ID, APP_SECRET, FakeFacebookLogin, graphError } from './login.js'
import { CodegenParams } from '#sdk/testing/meta_codegen_params'

const page = new CodegenParams(new URL('./spec/meta-codegen-Page.json', import.meta.url))
/** Paging and field selection are accepted on every Graph read; the codegen lists only edge-specific params. */
const READ_PARAMS = ['fields', 'limit', 'after', 'before', 'since', 'until', 'access_token', 'appsecret_proof']
const INSIGHT_METRICS = ['post_media_view', 'post_total_media_view_unique', 'post_reactions_by_type_total', 'post_clicks', 'post_video_views']

interface Post extends StoredPost {
  id: string
  pageId: string
  link: string | null
  createdTime: Date
  figures: { reactions: number; comments: number; shares: number; views: number; reach: number }
}

interface Upload {
  length: number
  bytes: number
  handle: string | null
}

interface Video {
  id: string
  pageId: string
  description: string
  pollsLeft: number
  postId: string | null
}

/** Graph's datetime format (`2024-05-01T10:00:00+0000`). */
const graphTime = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, '+0000')
const zeroFigures = () => ({ reactions: 0, comments: 0, shares: 0, views: 0, reach: 0 })

/**
 * Facebook Pages in miniature, after FLOW.md and Meta's codegen files in spec/: Login (login.ts),
 * feed posts with link or attached_media, unpublished photos, the Resumable Upload API and Page
 * videos that process over a few status reads, published_posts, post counters through the
 * multi-id lookup, and post insights. Write parameters are checked against the codegen lists.
 */
export class FakeFacebook implements FakeNetwork {
  server = new FakeServer()
  publishPath = '/feed$'
  /** Status reads a video needs before it is ready and published. */
  processingPolls = 2
  login = new FakeFacebookLogin()

  #posts = new Map<string, Post>()
  #photos = new Map<string, { pageId: string; altText: string | null; used: boolean }>()
  #uploads = new Map<string, Upload>()
  #videos = new Map<string, Video>()
  #next = 1_000_000_001n

  get settings() {
    const base = this.server.baseUrl
    return { urls: { graph: base, graphVideo: base, dialog: base, web: 'https://www.facebook.com' }, apiVersion: 'v25.0', clientId: APP_ID, clientSecret: APP_SECRET }
  }

  static async start() {
    const fake = new FakeFacebook()
    fake.login.routes(fake.server)
    fake.#routes()
    await fake.server.start()
    return fake
  }

  isTokenValid(token: string) {
    return this.login.isTokenValid(token)
  }

  expireAccessToken(token: string) {
    this.login.expire(token)
  }

  storedPost(externalId: string) {
    return this.#posts.get(externalId)
  }

  /** A post made outside the plugin (or long ago), for reconciliation tests. */
  seedPost(pageId: string, text: string, createdTime = new Date()) {
    return this.#newPost(pageId, text, [], null, createdTime).id
  }

  setMetrics(externalId: string, figures: Partial<PostMetrics>) {
    const post = this.#posts.get(externalId)
    if (!post) throw new Error(`no post ${externalId}`)
    post.figures = { reactions: figures.likes ?? 0, comments: figures.comments ?? 0, shares: figures.shares ?? 0, views: figures.views ?? 0, reach: figures.reach ?? 0 }
  }

  close() {
    return this.server.close()
  }

  #id() {
    return String(this.#next++)
  }

  #newPost(pageId: string, text: string, media: StoredPost['media'], link: string | null, createdTime = new Date()) {
    const post: Post = { id: `${pageId}_${this.#id()}`, pageId, text, media, link, createdTime, figures: zeroFigures() }
    this.#posts.set(post.id, post)
    return post
  }

  /** A Page token for this very Page (a user token cannot publish as the Page). */
  #asPage(request: FakeRequest): FakeReply | null {
    const auth = this.login.authenticate(request, ['page'])
    if (!('record' in auth)) return auth
    if (auth.record.pageId !== request.params.node) return graphError('(#200) The user hasn\'t authorized the application to perform this action', 200)
    return null
  }

  #checked(method: string, endpoint: string, fields: Record<string, unknown>, files: string[] = []): FakeReply | null {
    const problems = page.check(method, endpoint, fields, files)
    return problems.length ? graphError(problems.join('; '), 100, 400, 'GraphMethodException') : null
  }

  #routes() {
    const s = this.server

    s.route('POST', '/:ver/:node/feed', (request) => {
      const denied = this.#asPage(request) ?? this.#checked('POST', 'feed', { ...Object.fromEntries(request.query), ...request.body })
      if (denied) return denied
      const message = String(request.body.message ?? '')
      const attached = Object.keys(request.body)
        .filter((key) => /^attached_media\[\d+\]$/.test(key))
        .map((key) => JSON.parse(request.body[key]).media_fbid as string)
      if (!message && !attached.length && !request.body.link) return graphError('(#100) Missing message or attachment', 100)
      const photos = attached.map((id) => this.#photos.get(id))
      if (photos.some((photo) => !photo || photo.pageId !== request.params.node || photo.used)) {
        return graphError('(#100) attached_media must reference unpublished photos of this Page', 100)
      }
      photos.forEach((photo) => (photo!.used = true))
      const post = this.#newPost(request.params.node, message, photos.map((photo) => ({ kind: 'image' as const, altText: photo!.altText })), request.body.link ?? null)
      return { json: { id: post.id } }
    })

    s.route('POST', '/:ver/:node/photos', (request) => {
      const denied = this.#asPage(request) ?? this.#checked('POST', 'photos', { ...Object.fromEntries(request.query), ...request.body }, ['source'])
      if (denied) return denied
      const file = request.files.source?.[0]
      if (!file && !request.body.url) return graphError('(#324) Requires upload file', 324)
      if (file && !/^image\//.test(file.type)) return graphError('(#324) Missing or invalid image file', 324)
      const id = this.#id()
      const altText = request.body.alt_text_custom ?? null
      this.#photos.set(id, { pageId: request.params.node, altText, used: false })
      if (request.body.published === 'false') return { json: { id } }
      // A published single photo is a post of its own.
      const post = this.#newPost(request.params.node, String(request.body.message ?? request.body.caption ?? ''), [{ kind: 'image', altText }], null)
      this.#photos.get(id)!.used = true
      return { json: { id, post_id: post.id } }
    })

    s.route('GET', '/:ver/:node/published_posts', (request) => {
      const denied = this.#asPage(request) ?? this.#checked('GET', 'published_posts', omit(Object.fromEntries(request.query), READ_PARAMS))
      if (denied) return denied
      const since = Number(request.query.get('since') ?? 0) * 1000
      const limit = Number(request.query.get('limit') ?? 25)
      const posts = [...this.#posts.values()]
        .filter((post) => post.pageId === request.params.node && post.createdTime.getTime() >= since)
        .sort((a, b) => b.createdTime.getTime() - a.createdTime.getTime())
        .slice(0, limit)
      return { json: { data: posts.map((post) => ({ id: post.id, created_time: graphTime(post.createdTime), ...(post.text ? { message: post.text } : {}) })) } }
    })

    s.route('POST', '/:ver/:app/uploads', (request) => {
      const auth = this.login.authenticate(request, ['user'])
      if (!('record' in auth)) return auth
      if (request.params.app !== APP_ID) return graphError('(#100) Invalid application id', 100)
      const length = Number(request.query.get('file_length'))
      if (!Number.isInteger(length) || length <= 0 || !request.query.get('file_type')) return graphError('(#100) file_length and file_type are required', 100)
      const id = `upload:${randomBytes(12).toString('base64url')}`
      this.#uploads.set(id, { length, bytes: 0, handle: null })
      return { json: { id } }
    })

    s.route('POST', '/:ver/:node/videos', (request) => {
      const denied = this.#asPage(request) ?? this.#checked('POST', 'videos', { ...Object.fromEntries(request.query), ...request.body }, ['source'])
      if (denied) return denied
      const handle = request.body.fbuploader_video_file_chunk
      const upload = [...this.#uploads.values()].find((candidate) => candidate.handle && candidate.handle === handle)
      if (!upload) return graphError('(#100) The video file handle is invalid or incomplete', 100)
      const video: Video = { id: this.#id(), pageId: request.params.node, description: String(request.body.description ?? ''), pollsLeft: this.processingPolls, postId: null }
      this.#videos.set(video.id, video)
      return { json: { id: video.id } }
    })

    s.route('GET', '/:ver/:node/insights', (request) => {
      const auth = this.login.authenticate(request, ['page'])
      if (!('record' in auth)) return auth
      const post = this.#posts.get(request.params.node)
      if (!post || post.pageId !== auth.record.pageId) return graphError(`(#100) Object with ID '${request.params.node}' does not exist`, 100, 400, 'GraphMethodException')
      const wanted = (request.query.get('metric') ?? '').split(',')
      const unknown = wanted.find((name) => !INSIGHT_METRICS.includes(name))
      if (unknown) return graphError(`(#100) The value must be a valid insights metric: ${unknown}`, 100)
      const value = (name: string) => (name === 'post_media_view' ? post.figures.views : name === 'post_total_media_view_unique' ? post.figures.reach : 0)
      return {
        json: {
          data: wanted.map((name) => ({ name, period: 'lifetime', values: [{ value: value(name) }], title: name, description: name, id: `${post.id}/insights/${name}/lifetime` })),
        },
      }
    })

    s.route('POST', '/:ver/:node', (request) => this.#uploadBytes(request))
    s.route('GET', '/:ver/:node', (request) => this.#readNode(request))
    s.route('GET', '/:ver/', (request) => this.#readMany(request))
  }

  /** The Resumable Upload API's transfer: `file_offset` must be where the session got to. */
  #uploadBytes(request: FakeRequest): FakeReply {
    const upload = this.#uploads.get(request.params.node)
    if (!upload) return graphError(`(#100) Unsupported post request. Object with ID '${request.params.node}' does not exist`, 100)
    if (!String(request.headers.authorization ?? '').startsWith('OAuth ')) return graphError('(#102) The upload wants Authorization: OAuth <user token>', 102)
    const auth = this.login.authenticate(request, ['user'])
    if (!('record' in auth)) return auth
    if (Number(request.headers.file_offset) !== upload.bytes) return graphError(`(#100) file_offset must be ${upload.bytes}`, 100)
    upload.bytes += request.rawBody.length
    if (upload.bytes > upload.length) return graphError('(#100) More bytes than file_length', 100)
    if (upload.bytes === upload.length) upload.handle ??= `4::${randomBytes(16).toString('base64url')}`
    return { json: upload.handle ? { h: upload.handle } : { file_offset: upload.bytes } }
  }

  #readNode(request: FakeRequest): FakeReply {
    const id = request.params.node
    const upload = this.#uploads.get(id)
    if (upload) {
      const auth = this.login.authenticate(request, ['user'])
      return 'record' in auth ? { json: { id, file_offset: upload.bytes } } : auth
    }
    const auth = this.login.authenticate(request, ['page', 'user'])
    if (!('record' in auth)) return auth
    const video = this.#videos.get(id)
    if (video) return { json: { id, ...this.#videoStatus(video) } }
    const fbPage = this.login.pages.find((candidate) => candidate.id === id)
    if (fbPage) return { json: { id, name: fbPage.name, followers_count: fbPage.followers, fan_count: fbPage.followers } }
    const post = this.#posts.get(id)
    if (post) return { json: this.#counters(post) }
    return graphError(`(#100) Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`, 100, 400, 'GraphMethodException')
  }

  /** Each read moves processing along; when done the video's feed post exists. */
  #videoStatus(video: Video) {
    if (video.pollsLeft > 0) video.pollsLeft--
    const ready = video.pollsLeft === 0
    if (ready && !video.postId) video.postId = this.#newPost(video.pageId, video.description, [{ kind: 'video', altText: null }], null).id
    return {
      ...(video.postId ? { post_id: video.postId } : {}),
      status: {
        video_status: ready ? 'ready' : 'processing',
        processing_progress: ready ? 100 : 50,
        uploading_phase: { status: 'complete' },
        processing_phase: { status: ready ? 'complete' : 'in_progress' },
        publishing_phase: ready ? { status: 'complete', publish_status: 'published', publish_time: graphTime(new Date()) } : { status: 'not_started' },
      },
    }
  }

  #counters(post: Post) {
    return {
      id: post.id,
      ...(post.figures.shares ? { shares: { count: post.figures.shares } } : {}),
      reactions: { data: [], summary: { total_count: post.figures.reactions, viewer_reaction: 'NONE' } },
      comments: { data: [], summary: { order: 'ranked', total_count: post.figures.comments, can_comment: true } },
    }
  }

  /** GET /?ids=a,b: Graph's multi-id lookup (≤ 50 ids); an unknown id fails the whole call with #803. */
  #readMany(request: FakeRequest): FakeReply {
    const auth = this.login.authenticate(request, ['page', 'user'])
    if (!('record' in auth)) return auth
    const ids = (request.query.get('ids') ?? '').split(',').filter(Boolean)
    if (!ids.length || ids.length > 50) return graphError('(#100) ids must list 1 to 50 objects', 100)
    const missing = ids.filter((id) => !this.#posts.has(id))
    if (missing.length) return graphError(`(#803) Some of the aliases you requested do not exist: ${missing.join(',')}`, 803, 404)
    return { json: Object.fromEntries(ids.map((id) => [id, this.#counters(this.#posts.get(id)!)])) }
  }
}

function omit(fields: Record<string, string>, names: string[]) {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !names.includes(key)))
}

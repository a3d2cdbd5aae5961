import type { PostMetrics } from '#sdk'
import type { FakeReply, FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork, StoredPost } from '#sdk/testing/fake_network'
import { CodegenParams } from '#sdk/testing/meta_codegen_params'
import { FakeFacebookLogin, type FakePage } from '../../_meta/fake/facebook_login.js'
import { graphError, graphTime, paramsOf } from '../../_meta/fake/graph_replies.js'
import { FakeLoginNetwork } from '../../_meta/fake/login_network.js'
import { FakePageVideos } from './videos.js'

const page = new CodegenParams(new URL('./spec/meta-codegen-Page.json', import.meta.url))
/** Paging and field selection are accepted on every Graph read; the codegen lists only edge-specific params. */
const READ_PARAMS = [
  'fields',
  'limit',
  'after',
  'before',
  'since',
  'until',
  'access_token',
  'appsecret_proof',
]
const INSIGHT_METRICS = [
  'post_media_view',
  'post_total_media_view_unique',
  'post_reactions_by_type_total',
  'post_clicks',
  'post_video_views',
]

interface Post extends StoredPost {
  id: string
  pageId: string
  link: string | null
  createdTime: Date
  figures: { reactions: number; comments: number; shares: number; views: number; reach: number }
}

const zeroFigures = () => ({ reactions: 0, comments: 0, shares: 0, views: 0, reach: 0 })

/**
 * Facebook Pages in miniature, after FLOW.md and Meta's codegen files in spec/: Login (the shared
 * Meta fake), feed posts with link or attached_media, unpublished photos, Page videos (videos.ts),
 * published_posts, post counters through the multi-id lookup, and post insights. Write parameters
 * are checked against the codegen lists.
 */
export class FakeFacebook extends FakeLoginNetwork<FakePage> implements FakeNetwork {
  publishPath = '/feed$'
  /** Status reads a video needs before it is ready and published. */
  processingPolls = 2
  login = new FakeFacebookLogin([
    {
      id: '104000000000001',
      name: 'Pistache Bakery',
      username: 'pistachebakery',
      tasks: ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MODERATE', 'MANAGE'],
      followers: 1280,
    },
    {
      id: '104000000000002',
      name: 'Pistache Agency',
      tasks: ['ANALYZE', 'CREATE_CONTENT', 'MODERATE'],
      followers: 312,
    },
  ])
  videos = new FakePageVideos({
    login: this.login,
    processingPolls: () => this.processingPolls,
    deniedVideoCall: (request) =>
      this.#asPage(request) ?? this.#checked('POST', 'videos', paramsOf(request), ['source']),
    newId: () => this.#id(),
    postVideo: (pageId, description) =>
      this.#newPost(pageId, description, [{ kind: 'video', altText: null }], null).id,
  })

  #posts = new Map<string, Post>()
  #photos = new Map<string, { pageId: string; altText: string | null; used: boolean }>()
  #next = 1_000_000_001n

  get settings() {
    return this.settingsFor(['graph', 'graphVideo', 'dialog'], 'https://www.facebook.com')
  }

  static async start() {
    const fake = new FakeFacebook()
    await fake.listen(() => fake.#routes())
    return fake
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
    post.figures = {
      reactions: figures.likes ?? 0,
      comments: figures.comments ?? 0,
      shares: figures.shares ?? 0,
      views: figures.views ?? 0,
      reach: figures.reach ?? 0,
    }
  }

  #id() {
    return String(this.#next++)
  }

  #newPost(
    pageId: string,
    text: string,
    media: StoredPost['media'],
    link: string | null,
    createdTime = new Date()
  ) {
    const post: Post = {
      id: `${pageId}_${this.#id()}`,
      pageId,
      text,
      media,
      link,
      createdTime,
      figures: zeroFigures(),
    }
    this.#posts.set(post.id, post)
    return post
  }

  /** A Page token for this very Page (a user token cannot publish as the Page). */
  #asPage(request: FakeRequest): FakeReply | null {
    const auth = this.login.authenticate(request, ['page'])
    if (!('record' in auth)) return auth
    if (auth.record.pageId !== request.params.node)
      return graphError(
        "(#200) The user hasn't authorized the application to perform this action",
        200
      )
    return null
  }

  #checked(
    method: string,
    endpoint: string,
    fields: Record<string, unknown>,
    files: string[] = []
  ): FakeReply | null {
    const problems = page.check(method, endpoint, fields, files)
    return problems.length
      ? graphError(problems.join('; '), 100, 400, 'GraphMethodException')
      : null
  }

  #routes() {
    const s = this.server

    s.route('POST', '/:ver/:node/feed', (request) => {
      const denied = this.#asPage(request) ?? this.#checked('POST', 'feed', paramsOf(request))
      if (denied) return denied
      const message = String(request.body.message ?? '')
      const attached = Object.keys(request.body)
        .filter((key) => /^attached_media\[\d+\]$/.test(key))
        .map((key) => JSON.parse(request.body[key]).media_fbid as string)
      if (!message && !attached.length && !request.body.link)
        return graphError('(#100) Missing message or attachment', 100)
      const photos = attached.map((id) => this.#photos.get(id))
      if (photos.some((photo) => !photo || photo.pageId !== request.params.node || photo.used)) {
        return graphError(
          '(#100) attached_media must reference unpublished photos of this Page',
          100
        )
      }
      photos.forEach((photo) => (photo!.used = true))
      const post = this.#newPost(
        request.params.node,
        message,
        photos.map((photo) => ({ kind: 'image' as const, altText: photo!.altText })),
        request.body.link ?? null
      )
      return { json: { id: post.id } }
    })

    s.route('POST', '/:ver/:node/photos', (request) => {
      const denied =
        this.#asPage(request) ?? this.#checked('POST', 'photos', paramsOf(request), ['source'])
      if (denied) return denied
      const file = request.files.source?.[0]
      if (!file && !request.body.url) return graphError('(#324) Requires upload file', 324)
      if (file && !/^image\//.test(file.type))
        return graphError('(#324) Missing or invalid image file', 324)
      const id = this.#id()
      const altText = request.body.alt_text_custom ?? null
      this.#photos.set(id, { pageId: request.params.node, altText, used: false })
      if (request.body.published === 'false') return { json: { id } }
      // A published single photo is a post of its own.
      const post = this.#newPost(
        request.params.node,
        String(request.body.message ?? request.body.caption ?? ''),
        [{ kind: 'image', altText }],
        null
      )
      this.#photos.get(id)!.used = true
      return { json: { id, post_id: post.id } }
    })

    s.route('GET', '/:ver/:node/published_posts', (request) => {
      const denied =
        this.#asPage(request) ??
        this.#checked(
          'GET',
          'published_posts',
          omit(Object.fromEntries(request.query), READ_PARAMS)
        )
      if (denied) return denied
      const since = Number(request.query.get('since') ?? 0) * 1000
      const limit = Number(request.query.get('limit') ?? 25)
      const posts = [...this.#posts.values()]
        .filter(
          (post) => post.pageId === request.params.node && post.createdTime.getTime() >= since
        )
        .sort((a, b) => b.createdTime.getTime() - a.createdTime.getTime())
        .slice(0, limit)
      return {
        json: {
          data: posts.map((post) => ({
            id: post.id,
            created_time: graphTime(post.createdTime),
            ...(post.text ? { message: post.text } : {}),
          })),
        },
      }
    })

    this.videos.routes(s)

    s.route('GET', '/:ver/:node/insights', (request) => {
      const auth = this.login.authenticate(request, ['page'])
      if (!('record' in auth)) return auth
      const post = this.#posts.get(request.params.node)
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

    s.route('POST', '/:ver/:node', (request) => this.videos.uploadBytes(request))
    s.route('GET', '/:ver/:node', (request) => this.#readNode(request))
    s.route('GET', '/:ver/', (request) => this.#readMany(request))
  }

  #readNode(request: FakeRequest): FakeReply {
    const id = request.params.node
    const upload = this.videos.readUpload(request, id)
    if (upload) return upload
    const auth = this.login.authenticate(request, ['page', 'user'])
    if (!('record' in auth)) return auth
    const video = this.videos.readVideo(id)
    if (video) return video
    const fbPage = this.login.pages.find((candidate) => candidate.id === id)
    if (fbPage)
      return {
        json: {
          id,
          name: fbPage.name,
          followers_count: fbPage.followers,
          fan_count: fbPage.followers,
        },
      }
    const post = this.#posts.get(id)
    if (post) return { json: this.#counters(post) }
    return graphError(
      `(#100) Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
      100,
      400,
      'GraphMethodException'
    )
  }

  #counters(post: Post) {
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
  #readMany(request: FakeRequest): FakeReply {
    const auth = this.login.authenticate(request, ['page', 'user'])
    if (!('record' in auth)) return auth
    const ids = (request.query.get('ids') ?? '').split(',').filter(Boolean)
    if (!ids.length || ids.length > 50)
      return graphError('(#100) ids must list 1 to 50 objects', 100)
    const missing = ids.filter((id) => !this.#posts.has(id))
    if (missing.length)
      return graphError(
        `(#803) Some of the aliases you requested do not exist: ${missing.join(',')}`,
        803,
        404
      )
    return { json: Object.fromEntries(ids.map((id) => [id, this.#counters(this.#posts.get(id)!)])) }
  }
}

function omit(fields: Record<string, string>, names: string[]) {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !names.includes(key)))
}

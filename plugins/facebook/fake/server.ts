import type { PostMetrics } from '#sdk'
import type { FakeReply, FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork, StoredPost } from '#sdk/testing/fake_network'
import { CodegenParams } from '#sdk/testing/meta_codegen_params'
import { FakeFacebookLogin, type FakePage } from '../../_meta/fake/facebook_login.js'
import { graphError, graphTime, paramsOf } from '../../_meta/fake/graph_replies.js'
import { FakeLoginNetwork } from '../../_meta/fake/login_network.js'
import { FakeFacebookComments } from './comments.js'
import { FakePostReads, zeroFigures, type Post } from './post_reads.js'
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
/**
 * Facebook Pages in miniature, after FLOW.md and Meta's codegen files in spec/: Login (the shared
 * Meta fake), feed posts with link or attached_media, unpublished photos, Page videos (videos.ts),
 * published_posts, post counters and insights (post_reads.ts), and comments under a post
 * (comments.ts). Write parameters are checked against the codegen lists.
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

  comments = new FakeFacebookComments({
    pageOfPost: (postId) => this.#posts.get(postId)?.pageId ?? null,
    deniedAsPage: (request, pageId) => this.#asPage(request, pageId),
    granted: (request, permission) => this.login.granted(request, permission),
    pageName: (pageId) => this.login.pages.find((p) => p.id === pageId)?.name ?? '',
    takePhoto: (pageId, photoId) => {
      const photo = this.#photos.get(photoId)
      if (!photo || photo.pageId !== pageId || photo.used) return null
      photo.used = true
      return photo
    },
    newId: () => this.#id(),
  })

  #posts = new Map<string, Post>()
  #reads = new FakePostReads(this.login, this.#posts)
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

  /** A Page post with its Page. */
  post(id: string) {
    return this.#posts.get(id)
  }

  /** A Page post, or a comment (with the post it sits under). */
  storedPost(externalId: string) {
    return this.#posts.get(externalId) ?? this.comments.store.get(externalId)
  }

  /** The comments under a post, oldest first: a first comment's linkage is checked here. */
  commentsOn(postId: string) {
    return this.comments.store.on(postId)
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
  #asPage(request: FakeRequest, pageId = request.params.node): FakeReply | null {
    const auth = this.login.authenticate(request, ['page'])
    if (!('record' in auth)) return auth
    if (auth.record.pageId !== pageId)
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
    this.#reads.routes(s)
    this.comments.routes(s)

    s.route('POST', '/:ver/:node', (request) => this.videos.uploadBytes(request))
    s.route('GET', '/:ver/:node', (request) => this.#readNode(request))
    s.route('GET', '/:ver/', (request) => this.#reads.readMany(request))
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
    if (post) return { json: this.#reads.counters(post) }
    const comment = this.comments.read(request, id)
    if (comment) return comment
    return graphError(
      `(#100) Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
      100,
      400,
      'GraphMethodException'
    )
  }
}

function omit(fields: Record<string, string>, names: string[]) {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !names.includes(key)))
}

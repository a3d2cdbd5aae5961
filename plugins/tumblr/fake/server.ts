import { randomBytes } from 'node:crypto'
import type { PostMetrics } from '#sdk'
import { bodyClientOk, consentRedirect } from '#sdk/testing/fake_oauth'
import type { FakeReply, FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork, StoredPost } from '#sdk/testing/fake_network'
import { PostStoreFake } from '#sdk/testing/post_store_fake'
import { createProblems, listProblems } from './npf_spec.js'

const CLIENT = { id: 'fake-tumblr-consumer-key', secret: 'fake-tumblr-consumer-secret' }
/** Tumblr's documented access-token lifetime (api.subset.md: `expires_in: 2520`). */
const TOKEN_SECONDS = 2520
export const BLOGS = [
  { name: 'pistache-agency', title: 'Pistache Agency', uuid: 't:pistache0001', primary: true },
  { name: 'pistache-recipes', title: 'Pistache Recipes', uuid: 't:pistache0002', primary: false },
]

interface Post extends StoredPost {
  id: string
  blog: string
  content: { type: string; text?: string }[]
  tags: string | null
  metrics: Partial<PostMetrics>
}

/** Tumblr's error answer: `meta` mirrors the status, `errors` says why (api.subset.md). */
const error = (status: number, msg: string, title?: string, code?: number): FakeReply => ({
  status,
  json: { meta: { status, msg }, ...(title ? { errors: [{ title, code }] } : {}) },
})
const answer = (response: unknown, status = 200): FakeReply => ({
  status,
  json: { meta: { status, msg: status === 201 ? 'Created' : 'OK' }, response },
})

/**
 * Tumblr in miniature (fake/spec): OAuth 2 with rotating refresh tokens, a user with two blogs,
 * NPF posts created as JSON or multipart (the body's parameters checked against the route's
 * table in the description, uploads matched to their media identifiers), the blog's posts and
 * a post's notes read back.
 */
export class FakeTumblr extends PostStoreFake<Post> implements FakeNetwork {
  publishPath = '^/v2/blog/[^/]+/posts$'

  #refresh = new Set<string>()
  #codes = new Map<string, string>()
  #nextId = 7_000_000_000_000_000n

  get settings() {
    return {
      urls: { api: this.server.baseUrl, authorize: `${this.server.baseUrl}/oauth2/authorize` },
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
    }
  }

  static async start() {
    const fake = new FakeTumblr()
    fake.#routes()
    await fake.server.start()
    return fake
  }

  #issue() {
    const access = randomBytes(20).toString('base64url')
    const refresh = randomBytes(20).toString('base64url')
    this.accessTokens.set(access, Date.now() + TOKEN_SECONDS * 1000)
    this.#refresh.add(refresh)
    return {
      access_token: access,
      expires_in: TOKEN_SECONDS,
      id_token: false,
      refresh_token: refresh,
      scope: 'basic write offline_access',
      token_type: 'bearer',
    }
  }

  #token(request: FakeRequest): FakeReply {
    const body = request.body
    if (!bodyClientOk(request, CLIENT)) return error(401, 'Unauthorized', 'invalid client')
    if (body.grant_type === 'refresh_token') {
      // Refresh tokens rotate: the spent one is dead.
      if (!this.#refresh.delete(body.refresh_token))
        return error(401, 'Unauthorized', 'refresh token has expired')
      return { json: this.#issue() }
    }
    const redirect = this.#codes.get(body.code)
    this.#codes.delete(body.code)
    if (body.grant_type !== 'authorization_code' || !redirect || body.redirect_uri !== redirect)
      return error(401, 'Unauthorized', 'invalid code')
    return { json: this.#issue() }
  }

  #denied(request: FakeRequest) {
    return request.bearer && this.isTokenValid(request.bearer) ? null : error(401, 'Unauthorized')
  }

  #blog(identifier: string) {
    return BLOGS.find((blog) => blog.uuid === identifier || blog.name === identifier)
  }

  #create(request: FakeRequest): FakeReply {
    const denied = this.#denied(request)
    if (denied) return denied
    const blog = this.#blog(request.params.blog)
    if (!blog) return error(404, 'Not Found')
    let body: Record<string, any>
    try {
      body = typeof request.body.json === 'string' ? JSON.parse(request.body.json) : request.body
    } catch {
      return error(400, 'Bad Request', 'the json part is not JSON', 8001)
    }
    const problems = createProblems(body)
    if (problems.length) return error(400, 'Bad Request', problems.join('; '), 8001)
    const media: Post['media'] = []
    let videos = 0
    for (const block of body.content as any[]) {
      if (block.type === 'text') {
        if (typeof block.text !== 'string' || [...block.text].length > 4096)
          return error(400, 'Bad Request', 'a text block is too long', 8001)
      } else if (block.type === 'image' || block.type === 'video') {
        const object = block.type === 'image' ? block.media?.[0] : block.media
        const part = request.files[object?.identifier]?.[0]
        if (!part) return error(400, 'Bad Request', 'media without its upload', 8001)
        if (!String(part.type).startsWith(`${block.type}/`))
          return error(400, 'Bad Request', 'invalid media format', 8005)
        if (block.type === 'video' && ++videos > 1)
          return error(400, 'Bad Request', 'one uploaded video per post', 8001)
        if ((block.alt_text ?? '').length > 4096)
          return error(400, 'Bad Request', 'alt text too long', 8001)
        media.push({ kind: block.type, altText: block.alt_text ?? null })
      } else return error(400, 'Bad Request', `unknown block ${block.type}`, 8001)
    }
    const id = String(this.#nextId++)
    const content = (body.content as any[]).filter((block) => block.type === 'text')
    const post: Post = {
      id,
      blog: blog.name,
      content,
      text: content.map((block) => block.text).join('\n'),
      media,
      tags: body.tags ?? null,
      metrics: {},
    }
    this.stored.set(id, post)
    return answer({ id }, 201)
  }

  #list(request: FakeRequest): FakeReply {
    const denied = this.#denied(request)
    if (denied) return denied
    const problems = listProblems(request.query)
    if (problems.length) return error(400, 'Bad Request', problems.join('; '))
    if (request.query.get('api_key') !== CLIENT.id) return error(401, 'Unauthorized')
    const blog = this.#blog(request.params.blog)
    if (!blog) return error(404, 'Not Found')
    const posts = [...this.stored.values()]
      .filter((post) => post.blog === blog.name)
      .reverse()
      .slice(0, Number(request.query.get('limit') ?? 20))
    return answer({
      posts: posts.map((post) => ({
        id_string: post.id,
        post_url: `https://${blog.name}.tumblr.com/post/${post.id}`,
        content: post.content,
      })),
    })
  }

  #notes(request: FakeRequest): FakeReply {
    if (request.query.get('api_key') !== CLIENT.id) return error(401, 'Unauthorized')
    const post = this.stored.get(request.query.get('id') ?? '')
    if (!post) return error(404, 'Not Found')
    const likes = post.metrics.likes ?? 0
    const reblogs = post.metrics.shares ?? 0
    const conversation = request.query.get('mode') === 'conversation'
    return answer({
      notes: [],
      total_notes: likes + reblogs,
      ...(conversation ? { total_likes: likes, total_reblogs: reblogs } : {}),
    })
  }

  #routes() {
    const s = this.server
    s.route('GET', '/oauth2/authorize', (request) => {
      const q = request.query
      const valid =
        q.get('client_id') === CLIENT.id &&
        q.get('response_type') === 'code' &&
        q.get('scope')?.split(' ').includes('write') &&
        q.get('state')
      if (!valid) return { status: 400, text: 'invalid authorization request' }
      const code = randomBytes(12).toString('hex')
      this.#codes.set(code, q.get('redirect_uri') ?? '')
      return consentRedirect(q.get('redirect_uri')!, { code, state: q.get('state')! })
    })
    s.route('POST', '/v2/oauth2/token', (request) => this.#token(request))
    s.route('GET', '/v2/user/info', (request) => {
      const denied = this.#denied(request)
      if (denied) return denied
      return answer({
        user: {
          name: 'pistache',
          following: 12,
          likes: 3,
          default_post_format: 'html',
          blogs: BLOGS.map((blog) => ({
            ...blog,
            url: `https://${blog.name}.tumblr.com/`,
            type: 'public',
          })),
        },
      })
    })
    s.route('POST', '/v2/blog/:blog/posts', (request) => this.#create(request))
    s.route('GET', '/v2/blog/:blog/posts', (request) => this.#list(request))
    s.route('GET', '/v2/blog/:blog/notes', (request) => this.#notes(request))
  }
}

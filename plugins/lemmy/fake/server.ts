import { randomBytes } from 'node:crypto'
import type { PostMetrics } from '#sdk'
import type { FakeReply, FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork, StoredPost } from '#sdk/testing/fake_network'
import { PostStoreFake } from '#sdk/testing/post_store_fake'
import { checkCall, isDocumentedCall } from './api_spec.js'

interface Post extends StoredPost {
  id: number
  name: string
  body?: string
  url?: string
  communityId: number
  metrics: Partial<PostMetrics>
}

/** Lemmy's error answer: a status and the error's type name. */
const error = (status: number, type: string): FakeReply => ({ status, json: { error: type } })

/**
 * One Lemmy instance in miniature (fake/spec): a user who logs in for a JWT, a community
 * `pistache`, posts with at most one pict-rs image, and each call's fields checked against
 * the transcribed forms. Images uploaded are remembered so a post's `url` must point to one.
 */
export class FakeLemmy extends PostStoreFake<Post> implements FakeNetwork {
  publishPath = '^/api/v3/post$'
  account = { id: 7, name: 'pistache', display: 'Pistache Agency', password: 'correct horse 42' }
  community = { id: 12, name: 'pistache', title: 'Pistache' }
  /** Test knob: a second factor the login then demands. */
  totp: string | null = null

  #images = new Set<string>()
  #nextPost = 500

  get settings() {
    return { urls: { instance: this.server.baseUrl } }
  }

  get credentials() {
    return {
      instance: this.server.baseUrl,
      username: this.account.name,
      password: this.account.password,
    }
  }

  static async start() {
    const fake = new FakeLemmy()
    fake.#routes()
    await fake.server.start()
    // It stands for an instance the user names: the outbound policy lets the app reach it.
    fake.server.allowAsOutboundTarget()
    return fake
  }

  get #actorId() {
    return `${this.server.baseUrl}/u/${this.account.name}`
  }

  #person() {
    return {
      id: this.account.id,
      name: this.account.name,
      display_name: this.account.display,
      banned: false,
      published: '2024-01-01T00:00:00Z',
      actor_id: this.#actorId,
      local: true,
      deleted: false,
      bot_account: false,
      instance_id: 1,
    }
  }

  #postView(post: Post) {
    return {
      post: {
        id: post.id,
        name: post.name,
        ...(post.body !== undefined ? { body: post.body } : {}),
        ...(post.url ? { url: post.url } : {}),
        creator_id: this.account.id,
        community_id: post.communityId,
        ap_id: `${this.server.baseUrl}/post/${post.id}`,
        published: new Date().toISOString(),
        removed: false,
        locked: false,
        deleted: false,
        nsfw: false,
        local: true,
      },
      creator: this.#person(),
      community: { id: this.community.id, name: this.community.name },
      counts: {
        post_id: post.id,
        comments: post.metrics.comments ?? 0,
        score: post.metrics.likes ?? 0,
        upvotes: post.metrics.likes ?? 0,
        downvotes: 0,
      },
    }
  }

  /** The logged-in user, or Lemmy's refusal of a missing or logged-out token. */
  #denied(request: FakeRequest) {
    return request.bearer && this.isTokenValid(request.bearer) ? null : error(400, 'not_logged_in')
  }

  #call(request: FakeRequest, handle: (given: Record<string, any>) => FakeReply): FakeReply {
    const call = `${request.method} ${request.path.replace(/^\/api\/v3/, '')}`
    if (!isDocumentedCall(call)) return error(404, 'not_found')
    const given =
      request.method === 'GET' ? Object.fromEntries(request.query.entries()) : { ...request.body }
    const problems = checkCall(call, given)
    if (problems.length) return { status: 400, json: { error: 'invalid_form', detail: problems } }
    return handle(given)
  }

  #login(given: Record<string, any>): FakeReply {
    if (given.username_or_email !== this.account.name || given.password !== this.account.password)
      return error(401, 'incorrect_login')
    if (this.totp && !given.totp_2fa_token) return error(400, 'missing_totp_token')
    if (this.totp && given.totp_2fa_token !== this.totp) return error(401, 'incorrect_totp_token')
    const jwt = randomBytes(24).toString('base64url')
    // Lemmy's JWTs never expire; the nearest event is a logout from another client.
    this.accessTokens.set(jwt, Infinity)
    return { json: { jwt, registration_created: false, verify_email_sent: false } }
  }

  #create(given: Record<string, any>): FakeReply {
    const name = String(given.name)
    if (!name.trim() || [...name].length > 200) return error(400, 'invalid_post_title')
    if (given.body !== undefined && [...String(given.body)].length > 10000)
      return error(400, 'invalid_body_field')
    if (Number(given.community_id) !== this.community.id)
      return error(404, 'couldnt_find_community')
    if (given.url !== undefined && !this.#images.has(String(given.url)))
      return error(400, 'invalid_url')
    const id = this.#nextPost++
    const post: Post = {
      id,
      name,
      body: given.body,
      url: given.url,
      communityId: this.community.id,
      text: given.body ?? '',
      media: given.url ? [{ kind: 'image', altText: given.alt_text ?? null }] : [],
      metrics: {},
    }
    this.stored.set(String(id), post)
    return { json: { post_view: this.#postView(post) } }
  }

  #upload(request: FakeRequest): FakeReply {
    const denied = this.#denied(request)
    if (denied) return denied
    const files = request.files['images[]'] ?? []
    if (files.length !== 1 || Object.keys(request.files).length !== 1)
      return { status: 400, json: { msg: 'one file part named images[] is expected' } }
    if (files[0].bytes.length > 10 * 1024 * 1024) return { status: 413, json: { msg: 'too_large' } }
    const file = `${randomBytes(8).toString('hex')}.png`
    this.#images.add(`${this.server.baseUrl}/pictrs/image/${file}`)
    return {
      status: 201,
      json: { msg: 'ok', files: [{ file, delete_token: randomBytes(8).toString('hex') }] },
    }
  }

  #routes() {
    const s = this.server
    const authed =
      (handle: (given: Record<string, any>, request: FakeRequest) => FakeReply) =>
      (request: FakeRequest) =>
        this.#denied(request) ?? this.#call(request, (given) => handle(given, request))

    s.route('POST', '/api/v3/user/login', (request) => this.#call(request, (g) => this.#login(g)))
    s.route(
      'POST',
      '/api/v3/user/logout',
      authed((_given, request) => {
        this.accessTokens.delete(request.bearer!)
        return { json: { success: true } }
      })
    )
    s.route(
      'GET',
      '/api/v3/site',
      authed(() => ({
        json: {
          version: '0.19.9',
          my_user: { local_user_view: { person: this.#person() }, follows: [], moderates: [] },
        },
      }))
    )
    s.route(
      'GET',
      '/api/v3/community',
      authed((given) =>
        given.name === this.community.name ||
        given.name === `${this.community.name}@${new URL(this.server.baseUrl).host}`
          ? { json: { community_view: { community: { ...this.community, local: true } } } }
          : error(404, 'couldnt_find_community')
      )
    )
    s.route(
      'POST',
      '/api/v3/post',
      authed((given) => this.#create(given))
    )
    s.route(
      'GET',
      '/api/v3/post',
      authed((given) => {
        const post = this.stored.get(String(given.id))
        return post
          ? { json: { post_view: this.#postView(post) } }
          : error(404, 'couldnt_find_post')
      })
    )
    s.route(
      'GET',
      '/api/v3/user',
      authed((given) => {
        if (Number(given.person_id) !== this.account.id) return error(404, 'couldnt_find_person')
        const newest = [...this.stored.values()].reverse().slice(0, Number(given.limit ?? 10))
        return { json: { posts: newest.map((post) => this.#postView(post)), comments: [] } }
      })
    )
    s.route('POST', '/pictrs/image', (request) => this.#upload(request))
  }
}

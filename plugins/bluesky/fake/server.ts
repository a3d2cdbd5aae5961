import type { PostMetrics } from '#sdk'
import { FakeServer, type FakeReply, type FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork } from '#sdk/testing/fake_network'
import { BlobStore } from './blobs.js'
import { inputCheck, paramsCheck } from './lexicon_checks.js'
import { createPost, postView, type Account, type Post } from './posts.js'
import { invalid, xrpcError } from './replies.js'
import { Sessions } from './sessions.js'

/**
 * A PDS (with the AppView reads it proxies) in miniature: app-password sessions,
 * blobs, app.bsky.feed.post records and their counts. Every request body, query and
 * record is checked against the official lexicons with @atproto/lexicon, and a bad
 * one answers 400 InvalidRequest as the PDS does. Record keys are enforced: creating
 * a record whose rkey exists fails. Blobs live in blobs.ts, post records and their
 * checks in posts.ts.
 */
export class FakeBluesky implements FakeNetwork {
  server = new FakeServer()
  settings = { urls: {} }
  publishPath = '^/xrpc/com\\.atproto\\.repo\\.createRecord$'
  sessions = new Sessions()
  account: Account = {
    did: 'did:plc:pistache7agency2postiz4x',
    handle: 'pistache.bsky.social',
    displayName: 'Pistache Agency',
    password: 'abcd-efgh-ijkl-mnop',
  }
  /** Other accounts, for mentions: handle → DID. */
  handles = new Map([['alice.bsky.social', 'did:plc:alice2222222222222222222']])
  followers = 1280
  /**
   * The PDS endpoint the DID document names; this fake by default. A test points it
   * elsewhere to play a server whose answer sends the client to a hostile address.
   */
  pdsEndpoint?: string

  #blobs = new BlobStore()
  #posts = new Map<string, Post>()

  get credentials() {
    return {
      service: this.server.baseUrl,
      handle: this.account.handle,
      appPassword: this.account.password,
    }
  }

  static async start() {
    const fake = new FakeBluesky()
    fake.#routes()
    await fake.server.start()
    // It stands for a server the user names in a form: reachable by its exact address only.
    fake.server.allowAsOutboundTarget()
    return fake
  }

  /** The author deletes a post in another app: the AppView stops listing it (getPosts leaves it out). */
  deletePost(uri: string) {
    this.#posts.delete(uri)
  }

  /** Puts back a post taken out with deletePost (an AppView that had not indexed it yet). */
  restorePost(uri: string, post: Post) {
    this.#posts.set(uri, post)
  }

  isTokenValid(accessToken: string) {
    return !('problem' in this.sessions.verify(accessToken))
  }

  expireAccessToken(accessToken: string) {
    this.sessions.expire(accessToken)
  }

  storedPost(externalId: string) {
    return this.#posts.get(externalId)
  }

  setMetrics(externalId: string, figures: Partial<PostMetrics>) {
    const post = this.#posts.get(externalId)
    if (!post) throw new Error(`no post ${externalId}`)
    post.counts = {
      likes: figures.likes ?? 0,
      reposts: figures.shares ?? 0,
      replies: figures.comments ?? 0,
      quotes: figures.quotes ?? 0,
    }
  }

  close() {
    return this.server.close()
  }

  #didDoc() {
    const { did, handle } = this.account
    return {
      '@context': ['https://www.w3.org/ns/did/v1'],
      'id': did,
      'alsoKnownAs': [`at://${handle}`],
      'service': [
        {
          id: '#atproto_pds',
          type: 'AtprotoPersonalDataServer',
          serviceEndpoint: this.pdsEndpoint ?? this.server.baseUrl,
        },
      ],
    }
  }

  #session(tokens: { accessJwt: string; refreshJwt: string }) {
    return {
      ...tokens,
      did: this.account.did,
      handle: this.account.handle,
      didDoc: this.#didDoc(),
      active: true,
    }
  }

  #profile() {
    const { did, handle, displayName } = this.account
    return {
      did,
      handle,
      displayName,
      avatar: `${this.server.baseUrl}/img/avatar/${did}.jpg`,
      followersCount: this.followers,
      followsCount: 42,
      postsCount: this.#posts.size,
    }
  }

  /** The token problem as the PDS answers it, or null for a valid access token. */
  #auth(request: FakeRequest): FakeReply | null {
    const checked = this.sessions.verify(request.bearer)
    return 'problem' in checked
      ? xrpcError(checked.problem.status, checked.problem.error, checked.problem.message)
      : null
  }

  /** A query: auth when required, parameters against the lexicon. */
  #query(nsid: string, needsAuth: boolean, handler: (request: FakeRequest) => FakeReply) {
    this.server.route('GET', `/xrpc/${nsid}`, (request) => {
      const denied = needsAuth || request.bearer ? this.#auth(request) : null
      if (denied) return denied
      const problem = paramsCheck(nsid, request.query)
      return problem ? invalid(problem) : handler(request)
    })
  }

  /** A procedure with a JSON body: auth, then the body against the lexicon. */
  #procedure(nsid: string, needsAuth: boolean, handler: (request: FakeRequest) => FakeReply) {
    this.server.route('POST', `/xrpc/${nsid}`, (request) => {
      const denied = needsAuth ? this.#auth(request) : null
      if (denied) return denied
      if (!request.headers['content-type']?.includes('application/json'))
        return invalid('Wrong request encoding (Content-Type): expected application/json')
      const problem = inputCheck(nsid, request.body)
      return problem ? invalid(problem) : handler(request)
    })
  }

  #routes() {
    this.#procedure('com.atproto.server.createSession', false, (request) => {
      const { identifier, password } = request.body
      const known = [this.account.handle, this.account.did].includes(
        String(identifier).toLowerCase()
      )
      if (!known || password !== this.account.password)
        return xrpcError(401, 'AuthenticationRequired', 'Invalid identifier or password')
      return { json: this.#session(this.sessions.create(this.account.did)) }
    })

    this.server.route('POST', '/xrpc/com.atproto.server.refreshSession', (request) => {
      const result = this.sessions.refresh(request.bearer ?? '')
      if ('problem' in result)
        return xrpcError(result.problem.status, result.problem.error, result.problem.message)
      return { json: this.#session(result.tokens) }
    })

    this.server.route('POST', '/xrpc/com.atproto.server.deleteSession', (request) => {
      const result = this.sessions.end(request.bearer ?? '')
      return 'problem' in result
        ? xrpcError(result.problem.status, result.problem.error, result.problem.message)
        : { status: 200, text: '' }
    })

    this.#query('com.atproto.server.getSession', true, () => ({
      json: {
        did: this.account.did,
        handle: this.account.handle,
        didDoc: this.#didDoc(),
        active: true,
      },
    }))

    this.#query('app.bsky.actor.getProfile', false, (request) => {
      const actor = request.query.get('actor')
      if (actor !== this.account.did && actor !== this.account.handle)
        return invalid('Profile not found')
      return { json: this.#profile() }
    })

    this.#query('com.atproto.identity.resolveHandle', false, (request) => {
      const handle = request.query.get('handle')!.toLowerCase()
      const did = handle === this.account.handle ? this.account.did : this.handles.get(handle)
      return did ? { json: { did } } : xrpcError(400, 'HandleNotFound', 'Unable to resolve handle')
    })

    this.server.route('POST', '/xrpc/com.atproto.repo.uploadBlob', (request) => {
      const denied = this.#auth(request)
      if (denied) return denied
      if (!request.rawBody.length) return invalid('Request body is empty')
      return { json: { blob: this.#blobs.upload(request) } }
    })

    this.#procedure('com.atproto.repo.createRecord', true, (request) =>
      createPost(request, this.account, this.#posts, this.#blobs)
    )

    this.#query('com.atproto.repo.getRecord', false, (request) => {
      const q = request.query
      const repo = q.get('repo')
      const uri = `at://${repo === this.account.handle ? this.account.did : repo}/${q.get('collection')}/${q.get('rkey')}`
      const post = this.#posts.get(uri)
      if (!post) return xrpcError(400, 'RecordNotFound', `Could not locate record: ${uri}`)
      return { json: { uri, cid: post.cid, value: post.record } }
    })

    this.#query('app.bsky.feed.getPosts', true, (request) => {
      const posts = request.query
        .getAll('uris')
        .map((uri) => this.#posts.get(uri))
        .filter((post): post is Post => !!post)
      return { json: { posts: posts.map((post) => postView(post, this.account)) } }
    })
  }
}

import type { PostMetrics } from '#sdk'
import { FakeServer, type FakeReply, type FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork, StoredPost } from '#sdk/testing/fake_network'
import { cidOf, inputCheck, lexicons, paramsCheck, recordCheck } from './lexicon_checks.js'
import { Sessions } from './sessions.js'

const POST = 'app.bsky.feed.post'
const TID = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/
const encoder = new TextEncoder()

interface Account {
  did: string
  handle: string
  displayName: string
  password: string
}

interface Post extends StoredPost {
  uri: string
  cid: string
  record: Record<string, any>
  indexedAt: string
  counts: { likes: number; reposts: number; replies: number; quotes: number }
}

const xrpcError = (status: number, error: string, message: string): FakeReply => ({ status, json: { error, message } })
const invalid = (message: string) => xrpcError(400, 'InvalidRequest', message)

/**
 * A PDS (with the AppView reads it proxies) in miniature: app-password sessions,
 * blobs, app.bsky.feed.post records and their counts. Every request body, query and
 * record is checked against the official lexicons with @atproto/lexicon, and a bad
 * one answers 400 InvalidRequest as the PDS does. Record keys are enforced: creating
 * a record whose rkey exists fails.
 */
export class FakeBluesky implements FakeNetwork {
  server = new FakeServer()
  settings = { urls: {} }
  publishPath = '^/xrpc/com\\.atproto\\.repo\\.createRecord$'
  sessions = new Sessions()
  account: Account = { did: 'did:plc:pistache7agency2postiz4x', handle: 'pistache.bsky.social', displayName: 'Pistache Agency', password: 'abcd-efgh-ijkl-mnop' }
  /** Other accounts, for mentions: handle → DID. */
  handles = new Map([['alice.bsky.social', 'did:plc:alice2222222222222222222']])
  followers = 1280

  #blobs = new Map<string, { mimeType: string; size: number }>()
  #posts = new Map<string, Post>()

  get credentials() {
    return { service: this.server.baseUrl, handle: this.account.handle, appPassword: this.account.password }
  }

  static async start() {
    const fake = new FakeBluesky()
    fake.#routes()
    await fake.server.start()
    return fake
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
    post.counts = { likes: figures.likes ?? 0, reposts: figures.shares ?? 0, replies: figures.comments ?? 0, quotes: figures.quotes ?? 0 }
  }

  close() {
    return this.server.close()
  }

  #didDoc() {
    const { did, handle } = this.account
    return {
      '@context': ['https://www.w3.org/ns/did/v1'],
      id: did,
      alsoKnownAs: [`at://${handle}`],
      service: [{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: this.server.baseUrl }],
    }
  }

  #session(tokens: { accessJwt: string; refreshJwt: string }) {
    return { ...tokens, did: this.account.did, handle: this.account.handle, didDoc: this.#didDoc(), active: true }
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
    return 'problem' in checked ? xrpcError(checked.problem.status, checked.problem.error, checked.problem.message) : null
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
      if (!request.headers['content-type']?.includes('application/json')) return invalid('Wrong request encoding (Content-Type): expected application/json')
      const problem = inputCheck(nsid, request.body)
      return problem ? invalid(problem) : handler(request)
    })
  }

  #routes() {
    this.#procedure('com.atproto.server.createSession', false, (request) => {
      const { identifier, password } = request.body
      const known = [this.account.handle, this.account.did].includes(String(identifier).toLowerCase())
      if (!known || password !== this.account.password) return xrpcError(401, 'AuthenticationRequired', 'Invalid identifier or password')
      return { json: this.#session(this.sessions.create(this.account.did)) }
    })

    this.server.route('POST', '/xrpc/com.atproto.server.refreshSession', (request) => {
      const result = this.sessions.refresh(request.bearer ?? '')
      if ('problem' in result) return xrpcError(result.problem.status, result.problem.error, result.problem.message)
      return { json: this.#session(result.tokens) }
    })

    this.server.route('POST', '/xrpc/com.atproto.server.deleteSession', (request) => {
      const result = this.sessions.end(request.bearer ?? '')
      return 'problem' in result ? xrpcError(result.problem.status, result.problem.error, result.problem.message) : { status: 200, text: '' }
    })

    this.#query('com.atproto.server.getSession', true, () => ({
      json: { did: this.account.did, handle: this.account.handle, didDoc: this.#didDoc(), active: true },
    }))

    this.#query('app.bsky.actor.getProfile', false, (request) => {
      const actor = request.query.get('actor')
      if (actor !== this.account.did && actor !== this.account.handle) return invalid('Profile not found')
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
      const mimeType = String(request.headers['content-type'] ?? 'application/octet-stream').split(';')[0]
      if (!request.rawBody.length) return invalid('Request body is empty')
      const cid = cidOf(request.rawBody, 0x55)
      this.#blobs.set(cid, { mimeType, size: request.rawBody.length })
      return { json: { blob: { $type: 'blob', ref: { $link: cid }, mimeType, size: request.rawBody.length } } }
    })

    this.#procedure('com.atproto.repo.createRecord', true, (request) => this.#createRecord(request))

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
      return { json: { posts: posts.map((post) => this.#postView(post)) } }
    })
  }

  #createRecord(request: FakeRequest): FakeReply {
    const { repo, collection, rkey, record } = request.body
    if (repo !== this.account.did && repo !== this.account.handle) return invalid(`Could not find repo: ${repo}`)
    if (collection !== POST) return invalid(`This fake PDS only stores ${POST} records`)
    if (record?.$type !== undefined && record.$type !== collection) return invalid(`Invalid $type: expected ${collection}, got ${record.$type}`)
    const full = { ...record, $type: collection }
    const problem = recordCheck(collection, full) ?? this.#blobProblem(full) ?? facetProblem(full)
    if (problem) return invalid(`Invalid app.bsky.feed.post record: ${problem}`)
    // The lexicon declares "key": "tid" for posts.
    if (rkey !== undefined && !TID.test(rkey)) return invalid(`Invalid record key for ${POST}: expected a TID`)
    const key = rkey ?? tidNow()
    const uri = `at://${this.account.did}/${collection}/${key}`
    // The production PDS currently answers an existing rkey with a 500; an explicit XRPC error is on its way.
    if (this.#posts.has(uri)) return invalid(`Record already exists: ${uri}`)
    const cid = cidOf(encoder.encode(JSON.stringify(full)), 0x71)
    this.#posts.set(uri, {
      uri,
      cid,
      record: full,
      text: full.text,
      media: mediaOf(full.embed),
      idempotencyKey: null,
      indexedAt: new Date().toISOString(),
      counts: { likes: 0, reposts: 0, replies: 0, quotes: 0 },
    })
    return { json: { uri, cid, commit: { cid, rev: tidNow() }, validationStatus: 'valid' } }
  }

  /** The PDS checks blob constraints (accept, maxSize) when a record references the blob. */
  #blobProblem(record: Record<string, any>): string | null {
    const embed = record.embed ?? {}
    const refs =
      embed.$type === 'app.bsky.embed.images'
        ? embed.images.map((image: any) => ({ blob: image.image, def: 'app.bsky.embed.images#image', field: 'image' }))
        : embed.$type === 'app.bsky.embed.video'
          ? [{ blob: embed.video, def: 'app.bsky.embed.video', field: 'video' }]
          : []
    for (const { blob, def, field } of refs) {
      const stored = this.#blobs.get(blob.ref.$link)
      if (!stored) return `blob ${blob.ref.$link} was never uploaded`
      const rules = (lexicons.getDefOrThrow(def) as any).properties[field] as { accept: string[]; maxSize: number }
      const accepted = rules.accept.some((pattern) => (pattern.endsWith('/*') ? stored.mimeType.startsWith(pattern.slice(0, -1)) : stored.mimeType === pattern))
      if (!accepted) return `blob mime type ${stored.mimeType} is not accepted (${rules.accept.join(', ')})`
      if (stored.size > rules.maxSize) return `blob is ${stored.size} bytes, over ${rules.maxSize}`
      if (blob.mimeType !== stored.mimeType || blob.size !== stored.size) return 'blob ref does not match the uploaded blob'
    }
    return null
  }

  #postView(post: Post) {
    return {
      uri: post.uri,
      cid: post.cid,
      author: { did: this.account.did, handle: this.account.handle, displayName: this.account.displayName },
      record: post.record,
      indexedAt: post.indexedAt,
      likeCount: post.counts.likes,
      repostCount: post.counts.reposts,
      replyCount: post.counts.replies,
      quoteCount: post.counts.quotes,
      bookmarkCount: 0,
    }
  }
}

/**
 * Facet ranges must fall inside the text's UTF-8 bytes and, for links, cover the URL
 * itself: the AppView drops facets that do not, so a stricter fake catches offset bugs.
 */
function facetProblem(record: Record<string, any>): string | null {
  const bytes = encoder.encode(record.text)
  for (const facet of record.facets ?? []) {
    const { byteStart, byteEnd } = facet.index
    if (byteStart >= byteEnd || byteEnd > bytes.length) return `facet range ${byteStart}-${byteEnd} is outside the text`
    let covered: string
    try {
      covered = new TextDecoder('utf-8', { fatal: true }).decode(bytes.slice(byteStart, byteEnd))
    } catch {
      return `facet range ${byteStart}-${byteEnd} splits a character`
    }
    for (const feature of facet.features) {
      if (feature.$type === 'app.bsky.richtext.facet#link' && !feature.uri.startsWith(covered.replace(/…$/, ''))) {
        return `link facet covers "${covered}", not its URL`
      }
    }
  }
  return null
}

function mediaOf(embed: Record<string, any> | undefined): StoredPost['media'] {
  if (embed?.$type === 'app.bsky.embed.images') return embed.images.map((image: any) => ({ kind: 'image' as const, altText: image.alt }))
  if (embed?.$type === 'app.bsky.embed.video') return [{ kind: 'video' as const, altText: embed.alt ?? null }]
  return []
}

function tidNow() {
  const alphabet = '234567abcdefghijklmnopqrstuvwxyz'
  let value = (BigInt(Date.now()) * 1000n) << 10n
  let out = ''
  for (let i = 0; i < 13; i++, value >>= 5n) out = alphabet[Number(value & 31n)] + out
  return out
}

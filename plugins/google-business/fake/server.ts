import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { PostMetrics } from '#sdk'
import { bodyClientOk, consentRedirect, pkceMatches } from '#sdk/testing/fake_oauth'
import type { FakeReply, FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork, StoredPost } from '#sdk/testing/fake_network'
import { PostStoreFake } from '#sdk/testing/post_store_fake'

const spec = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('./spec/business-profile.subset.json', import.meta.url)),
    'utf8'
  )
)
/** What a client may send in a LocalPost and its media, read once from the description. */
const POST_FIELDS = new Set<string>(spec.schemas.LocalPost.writable)
const MEDIA_FIELDS = new Set<string>(spec.schemas.MediaItem.writable)
const ACTIONS = new Set<string>(spec.schemas.ActionType)

const CLIENT = { id: 'fake-gbp.apps.googleusercontent.com', secret: 'fake-gbp-client-secret' }
export const BUSINESS = { name: 'accounts/110000000000000000001', accountName: 'Pistache Group' }
export const LOCATIONS = [
  { name: 'locations/2000000000000000001', title: 'Pistache Café — Lyon' },
  { name: 'locations/2000000000000000002', title: 'Pistache Café — Paris' },
]

interface Post extends StoredPost {
  name: string
  summary: string
  callToAction: { actionType: string; url?: string } | null
}

/** Google's error answer. */
const error = (code: number, status: string, message: string): FakeReply => ({
  status: code,
  json: { error: { code, message, status } },
})

/**
 * Google Business Profile in miniature (fake/spec): Google sign-in with PKCE and refresh, one
 * business account with two locations, local posts whose fields are checked against the
 * reference's writable ones, and photos fetched from their `sourceUrl` as Google does.
 */
export class FakeGoogleBusiness extends PostStoreFake<Post> implements FakeNetwork {
  publishPath = '^/v4/accounts/[^/]+/locations/[^/]+/localPosts$'

  #refresh = new Set<string>()
  #codes = new Map<string, { redirect: string; challenge: string }>()
  #next = 1

  get settings() {
    const base = this.server.baseUrl
    return {
      urls: {
        authorize: `${base}/o/oauth2/v2/auth`,
        token: `${base}/token`,
        revoke: `${base}/revoke`,
        accounts: base,
        locations: base,
        posts: base,
      },
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
    }
  }

  static async start() {
    const fake = new FakeGoogleBusiness()
    fake.#routes()
    await fake.server.start()
    return fake
  }

  /** Google gives no per-post figures any more: nothing to set. */
  setMetrics(_externalId: string, _figures: Partial<PostMetrics>) {}

  #issue(refresh?: string) {
    const access = `ya29.${randomBytes(24).toString('base64url')}`
    this.accessTokens.set(access, Date.now() + 3600_000)
    const fresh = refresh ?? `1//${randomBytes(24).toString('base64url')}`
    this.#refresh.add(fresh)
    return {
      access_token: access,
      expires_in: 3599,
      scope: 'https://www.googleapis.com/auth/business.manage',
      token_type: 'Bearer',
      ...(refresh ? {} : { refresh_token: fresh }),
    }
  }

  #token(request: FakeRequest): FakeReply {
    const body = request.body
    if (!bodyClientOk(request, CLIENT)) return { status: 401, json: { error: 'invalid_client' } }
    if (body.grant_type === 'refresh_token') {
      if (!this.#refresh.has(body.refresh_token))
        return { status: 400, json: { error: 'invalid_grant' } }
      return { json: this.#issue(body.refresh_token) }
    }
    const grant = this.#codes.get(body.code)
    this.#codes.delete(body.code)
    if (
      body.grant_type !== 'authorization_code' ||
      !grant ||
      grant.redirect !== body.redirect_uri ||
      !pkceMatches(grant.challenge, 'S256', body.code_verifier)
    )
      return { status: 400, json: { error: 'invalid_grant' } }
    return { json: this.#issue() }
  }

  #denied(request: FakeRequest) {
    return request.bearer && this.isTokenValid(request.bearer)
      ? null
      : error(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.')
  }

  async #photoProblem(url: unknown) {
    if (typeof url !== 'string') return 'sourceUrl is required'
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) })
      const type = response.headers.get('content-type') ?? ''
      const bytes = (await response.arrayBuffer()).byteLength
      if (!response.ok || !/^image\/(jpeg|png)$/.test(type)) return `cannot use ${type || 'it'}`
      // Google's photo guidelines: 10 KB to 5 MB.
      if (bytes > 5 * 1024 * 1024) return 'photo too large'
      if (bytes < 10 * 1024) return 'photo too small (10 KB at least)'
      return null
    } catch {
      return 'the photo could not be fetched'
    }
  }

  async #create(request: FakeRequest): Promise<FakeReply> {
    const denied = this.#denied(request)
    if (denied) return denied
    const parent = `accounts/${request.params.account}/locations/${request.params.location}`
    if (!LOCATIONS.some((l) => parent === `${BUSINESS.name}/${l.name}`))
      return error(404, 'NOT_FOUND', 'Requested entity was not found.')
    const body = request.body
    const unknown = Object.keys(body).filter((field) => !POST_FIELDS.has(field))
    if (unknown.length)
      return error(400, 'INVALID_ARGUMENT', `Invalid JSON payload: unknown ${unknown.join(', ')}`)
    if (body.topicType !== 'STANDARD' && body.topicType !== undefined)
      return error(400, 'INVALID_ARGUMENT', 'only STANDARD posts in this fake')
    const summary = String(body.summary ?? '')
    if (summary.length > 1500) return error(400, 'INVALID_ARGUMENT', 'summary is too long')
    const media: Post['media'] = []
    for (const item of (body.media ?? []) as Record<string, unknown>[]) {
      if (
        Object.keys(item).some((field) => !MEDIA_FIELDS.has(field)) ||
        item.mediaFormat !== 'PHOTO'
      )
        return error(400, 'INVALID_ARGUMENT', 'a media item takes mediaFormat PHOTO and sourceUrl')
      const problem = await this.#photoProblem(item.sourceUrl)
      if (problem) return error(400, 'INVALID_ARGUMENT', `media: ${problem}`)
      media.push({ kind: 'image', altText: null })
    }
    const action = body.callToAction
    if (
      action &&
      (!ACTIONS.has(action.actionType) || (action.actionType !== 'CALL' && !action.url))
    )
      return error(400, 'INVALID_ARGUMENT', 'callToAction needs an actionType and a url')
    if (!summary && !media.length) return error(400, 'INVALID_ARGUMENT', 'empty post')
    const name = `${parent}/localPosts/${this.#next++}`
    const post: Post = { name, summary, text: summary, media, callToAction: action ?? null }
    this.stored.set(name, post)
    return { json: this.#view(post) }
  }

  #view(post: Post) {
    return {
      name: post.name,
      summary: post.summary,
      topicType: 'STANDARD',
      state: 'LIVE',
      searchUrl: `https://local.google.com/place?id=${post.name.split('/')[3]}&use=posts&lpsid=${post.name.split('/').at(-1)}`,
      createTime: new Date().toISOString(),
    }
  }

  #routes() {
    const s = this.server
    s.route('GET', '/o/oauth2/v2/auth', (request) => {
      const q = request.query
      const valid =
        q.get('client_id') === CLIENT.id &&
        q.get('response_type') === 'code' &&
        q.get('access_type') === 'offline' &&
        q.get('code_challenge_method') === 'S256' &&
        q.get('scope') === 'https://www.googleapis.com/auth/business.manage'
      if (!valid) return { status: 400, text: 'Error 400: invalid_request' }
      const code = `4/${randomBytes(12).toString('hex')}`
      this.#codes.set(code, {
        redirect: q.get('redirect_uri')!,
        challenge: q.get('code_challenge')!,
      })
      return consentRedirect(q.get('redirect_uri')!, { code, state: q.get('state') ?? '' })
    })
    s.route('POST', '/token', (request) => this.#token(request))
    s.route('POST', '/revoke', (request) => {
      const token = String(request.body.token ?? '')
      if (!this.#refresh.delete(token) && !this.accessTokens.delete(token))
        return { status: 400, json: { error: 'invalid_token' } }
      // Revoking a refresh token ends the grant: its access tokens stop working too.
      for (const access of this.accessTokens.keys()) this.accessTokens.set(access, 0)
      return { json: {} }
    })
    s.route('GET', '/v1/accounts', (request) => {
      return (
        this.#denied(request) ?? { json: { accounts: [{ ...BUSINESS, type: 'LOCATION_GROUP' }] } }
      )
    })
    s.route('GET', '/v1/accounts/:account/locations', (request) => {
      const denied = this.#denied(request)
      if (denied) return denied
      if (!request.query.get('readMask'))
        return error(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument: read_mask')
      if (`accounts/${request.params.account}` !== BUSINESS.name)
        return error(403, 'PERMISSION_DENIED', 'The caller does not have permission')
      return {
        json: {
          locations: LOCATIONS.map((location) => ({
            ...location,
            metadata: {
              mapsUri: `https://maps.google.com/maps?cid=${location.name.split('/')[1]}`,
            },
          })),
        },
      }
    })
    s.route('POST', '/v4/accounts/:account/locations/:location/localPosts', (request) =>
      this.#create(request)
    )
    s.route('GET', '/v4/accounts/:account/locations/:location/localPosts', (request) => {
      const denied = this.#denied(request)
      if (denied) return denied
      const parent = `accounts/${request.params.account}/locations/${request.params.location}/`
      const posts = [...this.stored.values()].filter((post) => post.name.startsWith(parent))
      return { json: { localPosts: posts.reverse().map((post) => this.#view(post)) } }
    })
  }
}

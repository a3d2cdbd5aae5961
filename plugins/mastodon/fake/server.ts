import { createHash, randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import type { PostMetrics } from '#sdk'
import { FakeServer, type FakeRequest, type FakeReply } from '#sdk/testing/fake_server'
import type { FakeNetwork, StoredPost } from '#sdk/testing/fake_network'
import { OpenApiValidator } from '#sdk/testing/openapi_validator'

/**
 * Known defect of the community document: POST /api/v1/statuses uses `oneOf` over text,
 * media and poll statuses, but a status with text AND media matches two branches, which
 * Mastodon accepts. `anyOf` is what the API means.
 */
const spec = new OpenApiValidator(
  fileURLToPath(new URL('./spec/schema.json', import.meta.url)),
  (document) => {
    const schema =
      document.paths['/api/v1/statuses'].post.requestBody.content['application/json'].schema
    schema.anyOf = schema.oneOf
    delete schema.oneOf
  }
).precompile(['POST', '/api/v1/statuses', 'application/json'])

interface Status extends StoredPost {
  id: string
  createdAt: string
  counts: { favourites: number; reblogs: number; replies: number; quotes: number }
}

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')

/**
 * A Mastodon instance in miniature, after the community OpenAPI document in
 * spec/schema.json: app registration, OAuth with PKCE (consent is automatic),
 * media upload with processing, statuses with Idempotency-Key, counts.
 * Request bodies are checked against the document; a mismatch answers 422.
 */
export class FakeMastodon implements FakeNetwork {
  server = new FakeServer()
  settings = { urls: {} }
  publishPath = '^/api/v1/statuses$'
  maxCharacters = 500
  /** The instance's media limits (`configuration.media_attachments`), bytes: tests lower them. */
  imageSizeLimit = 16 * 1024 * 1024
  videoSizeLimit = 99 * 1024 * 1024

  #apps = new Map<string, { secret: string; redirectUris: string[] }>()
  #codes = new Map<string, { clientId: string; redirectUri: string; challenge: string | null }>()
  #tokens = new Map<string, { valid: boolean }>()
  #media = new Map<string, { kind: 'image' | 'video'; description: string | null; polls: number }>()
  #statuses = new Map<string, Status>()
  #idempotency = new Map<string, string>()
  #nextId = 100

  get instanceUrl() {
    return this.server.baseUrl
  }

  static async start() {
    const fake = new FakeMastodon()
    fake.#routes()
    await fake.server.start()
    // It stands for a server the user names in a form: reachable by its exact address only.
    fake.server.allowAsOutboundTarget()
    return fake
  }

  isTokenValid(accessToken: string) {
    return this.#tokens.get(accessToken)?.valid === true
  }

  expireAccessToken() {
    // Mastodon tokens do not expire; nothing to do.
  }

  storedPost(externalId: string) {
    return this.#statuses.get(externalId)
  }

  setMetrics(externalId: string, figures: Partial<PostMetrics>) {
    const status = this.#statuses.get(externalId)
    if (!status) throw new Error(`no status ${externalId}`)
    status.counts = {
      favourites: figures.likes ?? 0,
      reblogs: figures.shares ?? 0,
      replies: figures.comments ?? 0,
      quotes: figures.quotes ?? 0,
    }
  }

  close() {
    return this.server.close()
  }

  #id() {
    return String(this.#nextId++)
  }

  #checkBody(request: FakeRequest, path: string): FakeReply | null {
    const problems = spec.validateBody(request.method, path, 'application/json', request.body)
    return problems.length
      ? { status: 422, json: { error: `Validation failed: ${problems.join('; ')}` } }
      : null
  }

  #authorized(request: FakeRequest): FakeReply | null {
    return request.bearer && this.isTokenValid(request.bearer)
      ? null
      : { status: 401, json: { error: 'The access token is invalid' } }
  }

  #account() {
    return {
      id: '1',
      username: 'pistache',
      acct: 'pistache',
      display_name: 'Pistache Agency',
      avatar: `${this.server.baseUrl}/avatars/1.png`,
      url: `${this.server.baseUrl}/@pistache`,
      followers_count: 1280,
      following_count: 42,
      statuses_count: this.#statuses.size,
    }
  }

  #statusJson(status: Status) {
    return {
      id: status.id,
      uri: `${this.server.baseUrl}/users/pistache/statuses/${status.id}`,
      url: `${this.server.baseUrl}/@pistache/${status.id}`,
      created_at: status.createdAt,
      content: `<p>${escapeHtml(status.text)}</p>`,
      media_attachments: status.media.map((m, i) => ({
        id: String(i),
        type: m.kind,
        description: m.altText,
      })),
      favourites_count: status.counts.favourites,
      reblogs_count: status.counts.reblogs,
      replies_count: status.counts.replies,
      quotes_count: status.counts.quotes,
    }
  }

  #routes() {
    const s = this.server

    s.route('POST', '/api/v1/apps', (request) => {
      const invalid = this.#checkBody(request, '/api/v1/apps')
      if (invalid) return invalid
      const clientId = randomBytes(8).toString('hex')
      const secret = randomBytes(16).toString('hex')
      this.#apps.set(clientId, {
        secret,
        redirectUris: [request.body.redirect_uris].flat().map(String),
      })
      return {
        json: {
          id: clientId,
          name: request.body.client_name,
          client_id: clientId,
          client_secret: secret,
        },
      }
    })

    s.route('GET', '/oauth/authorize', (request) => {
      const q = request.query
      const app = this.#apps.get(q.get('client_id') ?? '')
      const redirectUri = q.get('redirect_uri') ?? ''
      if (!app || !app.redirectUris.includes(redirectUri) || q.get('response_type') !== 'code') {
        return { status: 400, text: 'invalid authorization request' }
      }
      if (q.get('code_challenge') && q.get('code_challenge_method') !== 'S256')
        return { status: 400, text: 'S256 only' }
      const code = randomBytes(12).toString('hex')
      this.#codes.set(code, {
        clientId: q.get('client_id')!,
        redirectUri,
        challenge: q.get('code_challenge'),
      })
      const target = new URL(redirectUri)
      target.searchParams.set('code', code)
      if (q.get('state')) target.searchParams.set('state', q.get('state')!)
      return { redirect: target.toString() }
    })

    s.route('POST', '/oauth/token', (request) => {
      const invalid = this.#checkBody(request, '/oauth/token')
      if (invalid) return invalid
      const {
        client_id: clientId,
        client_secret: secret,
        code,
        redirect_uri: redirectUri,
        code_verifier: verifier,
      } = request.body
      const grant = this.#codes.get(code)
      const app = this.#apps.get(clientId)
      this.#codes.delete(code)
      const pkceOk =
        !grant?.challenge ||
        createHash('sha256')
          .update(String(verifier ?? ''))
          .digest('base64url') === grant.challenge
      if (
        !grant ||
        !app ||
        app.secret !== secret ||
        grant.clientId !== clientId ||
        grant.redirectUri !== redirectUri ||
        !pkceOk
      ) {
        return {
          status: 400,
          json: {
            error: 'invalid_grant',
            error_description: 'The provided authorization grant is invalid',
          },
        }
      }
      const token = randomBytes(20).toString('hex')
      this.#tokens.set(token, { valid: true })
      return {
        json: {
          access_token: token,
          token_type: 'Bearer',
          scope: 'read write profile',
          created_at: Math.floor(Date.now() / 1000),
        },
      }
    })

    s.route('POST', '/oauth/revoke', (request) => {
      const invalid = this.#checkBody(request, '/oauth/revoke')
      if (invalid) return invalid
      const app = this.#apps.get(request.body.client_id)
      if (!app || app.secret !== request.body.client_secret)
        return { status: 403, json: { error: 'unauthorized_client' } }
      const token = this.#tokens.get(request.body.token)
      if (token) token.valid = false
      return { json: {} }
    })

    s.route(
      'GET',
      '/api/v1/accounts/verify_credentials',
      (request) => this.#authorized(request) ?? { json: this.#account() }
    )

    s.route('GET', '/api/v2/instance', () => ({
      json: {
        domain: new URL(this.server.baseUrl).host,
        configuration: {
          statuses: {
            max_characters: this.maxCharacters,
            max_media_attachments: 4,
            characters_reserved_per_url: 23,
          },
          media_attachments: {
            description_limit: 1500,
            image_size_limit: this.imageSizeLimit,
            video_size_limit: this.videoSizeLimit,
          },
        },
      },
    }))

    s.route('POST', '/api/v2/media', (request) => {
      const denied = this.#authorized(request)
      if (denied) return denied
      const file = request.files.file?.[0]
      if (!file) return { status: 422, json: { error: "Validation failed: File can't be blank" } }
      const kind = file.type.startsWith('video/') ? 'video' : 'image'
      const limit = kind === 'video' ? this.videoSizeLimit : this.imageSizeLimit
      if (file.bytes.length > limit)
        return {
          status: 422,
          json: { error: `Validation failed: File file size must be less than ${limit} Bytes` },
        }
      const id = this.#id()
      this.#media.set(id, { kind, description: request.body.description ?? null, polls: 0 })
      // Videos are "processed" asynchronously, as on a real instance: 202 then a URL on a later GET.
      if (kind === 'video')
        return {
          status: 202,
          json: { id, type: kind, url: null, description: request.body.description ?? null },
        }
      return {
        json: {
          id,
          type: kind,
          url: `${this.server.baseUrl}/media/${id}`,
          description: request.body.description ?? null,
        },
      }
    })

    s.route('GET', '/api/v1/media/:id', (request) => {
      const denied = this.#authorized(request)
      if (denied) return denied
      const media = this.#media.get(request.params.id)
      if (!media) return { status: 404, json: { error: 'Record not found' } }
      media.polls++
      const ready = media.kind === 'image' || media.polls >= 1
      return {
        status: ready ? 200 : 206,
        json: {
          id: request.params.id,
          type: media.kind,
          url: ready ? `${this.server.baseUrl}/media/${request.params.id}` : null,
        },
      }
    })

    s.route('POST', '/api/v1/statuses', (request) => {
      const denied = this.#authorized(request)
      if (denied) return denied
      const invalid = this.#checkBody(request, '/api/v1/statuses')
      if (invalid) return invalid
      const key = request.headers['idempotency-key']
      const keyValue = typeof key === 'string' ? key : null
      const existing = keyValue ? this.#idempotency.get(keyValue) : undefined
      if (existing) return { json: this.#statusJson(this.#statuses.get(existing)!) }
      const text = String(request.body.status ?? '')
      if ([...text].length > this.maxCharacters)
        return { status: 422, json: { error: 'Validation failed: Text character limit exceeded' } }
      const mediaIds: string[] = request.body.media_ids ?? []
      const unknown = mediaIds.find((id) => !this.#media.has(id))
      if (unknown)
        return { status: 422, json: { error: `Validation failed: media ${unknown} not found` } }
      const status: Status = {
        id: this.#id(),
        text,
        media: mediaIds.map((id) => ({
          kind: this.#media.get(id)!.kind,
          altText: this.#media.get(id)!.description,
        })),
        idempotencyKey: keyValue,
        createdAt: new Date().toISOString(),
        counts: { favourites: 0, reblogs: 0, replies: 0, quotes: 0 },
      }
      this.#statuses.set(status.id, status)
      if (keyValue) this.#idempotency.set(keyValue, status.id)
      return { json: this.#statusJson(status) }
    })

    s.route('GET', '/api/v1/statuses/:id', (request) => {
      const denied = this.#authorized(request)
      if (denied) return denied
      const status = this.#statuses.get(request.params.id)
      return status
        ? { json: this.#statusJson(status) }
        : { status: 404, json: { error: 'Record not found' } }
    })

    s.route('GET', '/api/v1/accounts/:id/statuses', (request) => {
      const denied = this.#authorized(request)
      if (denied) return denied
      const list = [...this.#statuses.values()]
        .reverse()
        .slice(0, Number(request.query.get('limit') ?? 20))
      return { json: list.map((status) => this.#statusJson(status)) }
    })
  }
}

import { fileURLToPath } from 'node:url'
import type { FakeReply, FakeRequest } from '#sdk/testing/fake_server'
import type { StoredPost } from '#sdk/testing/fake_network'
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

export interface Status extends StoredPost {
  id: string
  createdAt: string
  visibility: string
  counts: { favourites: number; reblogs: number; replies: number; quotes: number }
}

/** What the fake instance's resources share: its records, its ids, and how it refuses. */
export class MastodonState {
  apps = new Map<string, { secret: string; redirectUris: string[] }>()
  codes = new Map<string, { clientId: string; redirectUri: string; challenge: string | null }>()
  tokens = new Map<string, { valid: boolean }>()
  media = new Map<string, { kind: 'image' | 'video'; description: string | null; polls: number }>()
  statuses = new Map<string, Status>()
  idempotency = new Map<string, string>()
  #nextId = 100

  constructor(readonly baseUrl: () => string) {}

  id() {
    return String(this.#nextId++)
  }

  isTokenValid(accessToken: string) {
    return this.tokens.get(accessToken)?.valid === true
  }

  /** A body that breaks the OpenAPI document: Mastodon's 422. */
  checkBody(request: FakeRequest, path: string): FakeReply | null {
    const problems = spec.validateBody(request.method, path, 'application/json', request.body)
    return problems.length
      ? { status: 422, json: { error: `Validation failed: ${problems.join('; ')}` } }
      : null
  }

  authorized(request: FakeRequest): FakeReply | null {
    return request.bearer && this.isTokenValid(request.bearer)
      ? null
      : { status: 401, json: { error: 'The access token is invalid' } }
  }
}

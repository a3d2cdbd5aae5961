import { randomBytes } from 'node:crypto'
import { badAuthorizeRequest, basicClientOk, consentRedirect } from '#sdk/testing/fake_oauth'
import type { FakeReply, FakeRequest, FakeServer } from '#sdk/testing/fake_server'

export const CLIENT_ID = '1484362'
export const CLIENT_SECRET = 'fake-pinterest-secret'
const CLIENT = { id: CLIENT_ID, secret: CLIENT_SECRET }
const CODE_LIFETIME_MS = 10 * 60_000

const failure = (status: number, code: number, message: string): FakeReply => ({
  status,
  json: { code, message },
})

/**
 * Pinterest's OAuth as its spec describes it: consent at /oauth/ (automatic here), the token
 * endpoint with HTTP Basic client auth and a form body, 30-day access tokens, continuous
 * refresh tokens (each refresh returns a fresh one; the old one keeps working until it expires),
 * and revocation of either token.
 */
export class FakePinterestOAuth {
  #codes = new Map<string, { redirectUri: string; scope: string; issuedAt: number }>()
  #access = new Map<string, { valid: boolean; scope: string }>()
  #refresh = new Map<string, string>()

  isTokenValid(token: string) {
    return this.#access.get(token)?.valid === true
  }

  hasScope(token: string, scope: string) {
    return this.#access.get(token)?.scope.split(',').includes(scope) ?? false
  }

  expire(token: string) {
    const entry = this.#access.get(token)
    if (entry) entry.valid = false
  }

  isRefreshTokenValid(token: string) {
    return this.#refresh.has(token)
  }

  #issue(scope: string, responseType: string) {
    const accessToken = `pina_${randomBytes(24).toString('base64url')}`
    const refreshToken = `pinr_${randomBytes(24).toString('base64url')}`
    this.#access.set(accessToken, { valid: true, scope })
    this.#refresh.set(refreshToken, scope)
    return {
      json: {
        access_token: accessToken,
        refresh_token: refreshToken,
        response_type: responseType,
        token_type: 'bearer',
        expires_in: 2_592_000,
        refresh_token_expires_in: 5_184_000,
        scope,
      },
    }
  }

  routes(s: FakeServer, validate: (request: FakeRequest, path: string) => FakeReply | null) {
    s.route('GET', '/oauth/', (request) => {
      const q = request.query
      const redirectUri = q.get('redirect_uri') ?? ''
      const invalid = badAuthorizeRequest(
        request,
        CLIENT,
        'Invalid client_id, response_type or redirect_uri'
      )
      if (invalid) return invalid
      if (!q.get('scope') || q.get('scope')!.includes(' '))
        return { status: 400, text: 'scope must be a comma-separated list' }
      const code = randomBytes(16).toString('hex')
      this.#codes.set(code, { redirectUri, scope: q.get('scope')!, issuedAt: Date.now() })
      return consentRedirect(redirectUri, {
        code,
        ...(q.get('state') ? { state: q.get('state')! } : {}),
      })
    })

    s.route('POST', '/v5/oauth/token', (request) => {
      if (!basicClientOk(request, CLIENT)) return failure(401, 2, 'Authentication failed.')
      const invalid = validate(request, '/oauth/token')
      if (invalid) return invalid
      const body = request.body
      if (body.grant_type === 'authorization_code') {
        const grant = this.#codes.get(body.code)
        this.#codes.delete(body.code)
        if (
          !grant ||
          Date.now() - grant.issuedAt > CODE_LIFETIME_MS ||
          grant.redirectUri !== body.redirect_uri
        ) {
          return failure(400, 1, 'Invalid authorization code or redirect_uri')
        }
        return this.#issue(grant.scope, 'authorization_code')
      }
      if (body.grant_type === 'refresh_token') {
        const scope = this.#refresh.get(body.refresh_token)
        return scope
          ? this.#issue(scope, 'refresh_token')
          : failure(400, 1, 'Invalid refresh token')
      }
      return failure(400, 1, 'Unsupported grant_type')
    })

    s.route('POST', '/v5/oauth/token/revoke', (request) => {
      if (!basicClientOk(request, CLIENT)) return failure(401, 2, 'Authentication failed.')
      const invalid = validate(request, '/oauth/token/revoke')
      if (invalid) return invalid
      const token = String(request.body.token)
      this.expire(token)
      this.#refresh.delete(token)
      return { json: {} }
    })
  }
}

import { randomBytes } from 'node:crypto'
import {
  badAuthorizeRequest,
  basicClientOk,
  consentRedirect,
  pkceMatches,
} from '#sdk/testing/fake_oauth'
import type { FakeServer } from '#sdk/testing/fake_server'

export const CLIENT_ID = 'fake-x-client'
export const CLIENT_SECRET = 'fake-x-secret'
const CLIENT = { id: CLIENT_ID, secret: CLIENT_SECRET }
const ALL_SCOPES = 'tweet.read tweet.write users.read media.write offline.access'
const CODE_LIFETIME_MS = 30_000

const unauthorizedClient = {
  status: 401,
  json: { error: 'unauthorized_client', error_description: 'Missing valid authorization header' },
}
const badGrant = {
  status: 400,
  json: { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' },
}

/**
 * X's OAuth 2.0 as its docs describe it (the endpoints are not in the OpenAPI file):
 * authorization with PKCE (consent is automatic: 302 back with code and state), a
 * confidential client authenticating with HTTP Basic, 30-second codes, 2-hour access
 * tokens, refresh tokens only with offline.access and good for one use (rotation), revocation.
 */
export class FakeXOAuth {
  #codes = new Map<
    string,
    { redirectUri: string; challenge: string; method: string; scope: string; issuedAt: number }
  >()
  #access = new Map<string, { valid: boolean }>()
  #refresh = new Set<string>()

  isTokenValid(accessToken: string) {
    return this.#access.get(accessToken)?.valid === true
  }

  expire(accessToken: string) {
    const token = this.#access.get(accessToken)
    if (token) token.valid = false
  }

  isRefreshTokenValid(refreshToken: string) {
    return this.#refresh.has(refreshToken)
  }

  #issue(scope: string) {
    const accessToken = randomBytes(24).toString('base64url')
    this.#access.set(accessToken, { valid: true })
    const body: Record<string, unknown> = {
      token_type: 'bearer',
      expires_in: 7200,
      access_token: accessToken,
      scope,
    }
    if (scope.split(' ').includes('offline.access')) {
      const refreshToken = randomBytes(24).toString('base64url')
      this.#refresh.add(refreshToken)
      body.refresh_token = refreshToken
    }
    return { json: body }
  }

  routes(s: FakeServer) {
    s.route('GET', '/i/oauth2/authorize', (request) => {
      const q = request.query
      const redirectUri = q.get('redirect_uri') ?? ''
      const method = q.get('code_challenge_method') ?? ''
      const invalid = badAuthorizeRequest(
        request,
        CLIENT,
        'Something went wrong: invalid client or redirect'
      )
      if (invalid) return invalid
      if (
        !q.get('code_challenge') ||
        !['S256', 'plain'].includes(method) ||
        !q.get('state') ||
        !q.get('scope')
      ) {
        return { status: 400, text: 'Something went wrong: PKCE, state and scope are required' }
      }
      const code = randomBytes(16).toString('base64url')
      this.#codes.set(code, {
        redirectUri,
        challenge: q.get('code_challenge')!,
        method,
        scope: q.get('scope')!,
        issuedAt: Date.now(),
      })
      return consentRedirect(redirectUri, { state: q.get('state')!, code })
    })

    s.route('POST', '/2/oauth2/token', (request) => {
      if (!basicClientOk(request, CLIENT)) return unauthorizedClient
      const body = request.body
      if (body.grant_type === 'authorization_code') {
        const grant = this.#codes.get(body.code)
        this.#codes.delete(body.code)
        if (
          !grant ||
          Date.now() - grant.issuedAt > CODE_LIFETIME_MS ||
          grant.redirectUri !== body.redirect_uri
        )
          return badGrant
        return pkceMatches(grant.challenge, grant.method, body.code_verifier)
          ? this.#issue(grant.scope)
          : badGrant
      }
      if (body.grant_type === 'refresh_token') {
        // Rotation: a refresh token works once.
        return this.#refresh.delete(body.refresh_token) ? this.#issue(ALL_SCOPES) : badGrant
      }
      return {
        status: 400,
        json: { error: 'unsupported_grant_type', error_description: 'Unsupported grant type' },
      }
    })

    s.route('POST', '/2/oauth2/revoke', (request) => {
      if (!basicClientOk(request, CLIENT)) return unauthorizedClient
      const token = String(request.body.token ?? '')
      this.expire(token)
      this.#refresh.delete(token)
      return { json: { revoked: true } }
    })
  }
}

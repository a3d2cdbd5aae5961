import { randomBytes } from 'node:crypto'
import { badAuthorizeRequest, bodyClientOk, consentRedirect } from '#sdk/testing/fake_oauth'
import type { FakeServer } from '#sdk/testing/fake_server'

export const CLIENT_ID = 'fake-linkedin-client'
export const CLIENT_SECRET = 'fake-linkedin-secret'
const CLIENT = { id: CLIENT_ID, secret: CLIENT_SECRET }
const CODE_LIFETIME_MS = 30 * 60_000

const invalidClient = {
  status: 401,
  json: { error: 'invalid_client', error_description: 'Client authentication failed' },
}
const invalidGrant = (why: string) => ({
  status: 400,
  json: { error: 'invalid_grant', error_description: why },
})

/**
 * LinkedIn's 3-legged OAuth as FLOW.md describes it: consent (automatic here: 302 back with
 * code and state), client id and secret in the form body, 60-day access tokens, and a
 * 365-day refresh token that refreshing does not rotate; /revoke kills the access token.
 */
export class FakeLinkedInOAuth {
  #codes = new Map<string, { redirectUri: string; scope: string; issuedAt: number }>()
  #access = new Map<string, { valid: boolean; scope: string }>()
  #refresh = new Map<string, string>()

  isTokenValid(token: string) {
    return this.#access.get(token)?.valid === true
  }

  scopeOf(token: string) {
    return this.#access.get(token)?.scope.split(' ') ?? []
  }

  expire(token: string) {
    const entry = this.#access.get(token)
    if (entry) entry.valid = false
  }

  isRefreshTokenValid(token: string) {
    return this.#refresh.has(token)
  }

  #issue(scope: string, refreshToken?: string) {
    const accessToken = `AQ${randomBytes(24).toString('base64url')}`
    this.#access.set(accessToken, { valid: true, scope })
    const refresh = refreshToken ?? `AQR${randomBytes(24).toString('base64url')}`
    this.#refresh.set(refresh, scope)
    return {
      json: {
        access_token: accessToken,
        expires_in: 5_184_000,
        refresh_token: refresh,
        refresh_token_expires_in: 31_536_000,
        scope: scope.split(' ').join(','),
      },
    }
  }

  routes(s: FakeServer) {
    s.route('GET', '/oauth/v2/authorization', (request) => {
      const q = request.query
      const redirectUri = q.get('redirect_uri') ?? ''
      const invalid = badAuthorizeRequest(
        request,
        CLIENT,
        'invalid_request: client_id, response_type=code and redirect_uri are required'
      )
      if (invalid) return invalid
      if (!q.get('scope') || !q.get('state'))
        return { status: 400, text: 'invalid_request: scope and state are required' }
      const code = randomBytes(16).toString('base64url')
      this.#codes.set(code, { redirectUri, scope: q.get('scope')!, issuedAt: Date.now() })
      return consentRedirect(redirectUri, { code, state: q.get('state')! })
    })

    s.route('POST', '/oauth/v2/accessToken', (request) => {
      if (!bodyClientOk(request, CLIENT)) return invalidClient
      const body = request.body
      if (body.grant_type === 'authorization_code') {
        const grant = this.#codes.get(body.code)
        this.#codes.delete(body.code)
        if (!grant || Date.now() - grant.issuedAt > CODE_LIFETIME_MS)
          return invalidGrant('The authorization code is invalid or expired')
        if (grant.redirectUri !== body.redirect_uri)
          return invalidGrant('redirect_uri does not match')
        return this.#issue(grant.scope)
      }
      if (body.grant_type === 'refresh_token') {
        const scope = this.#refresh.get(body.refresh_token)
        // No rotation: the same refresh token comes back and keeps working.
        return scope
          ? this.#issue(scope, body.refresh_token)
          : invalidGrant('The provided refresh token is invalid')
      }
      return {
        status: 400,
        json: { error: 'unsupported_grant_type', error_description: 'grant_type is not supported' },
      }
    })

    s.route('POST', '/oauth/v2/revoke', (request) => {
      if (!bodyClientOk(request, CLIENT)) return invalidClient
      this.expire(String(request.body.token ?? ''))
      return { status: 200, text: '' }
    })
  }
}

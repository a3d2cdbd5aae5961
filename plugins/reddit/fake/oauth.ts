import { randomBytes } from 'node:crypto'
import { badAuthorizeRequest, basicClientOk, consentRedirect } from '#sdk/testing/fake_oauth'
import type { FakeServer } from '#sdk/testing/fake_server'

export const CLIENT_ID = 'fake-reddit-client'
export const CLIENT_SECRET = 'fake-reddit-secret'
const CLIENT = { id: CLIENT_ID, secret: CLIENT_SECRET }
const KNOWN_SCOPES = new Set([
  'identity',
  'submit',
  'read',
  'flair',
  'history',
  'edit',
  'mysubreddits',
  'vote',
])

interface Grant {
  scopes: string[]
  refreshToken: string | null
}

/**
 * Reddit's OAuth 2 as its wiki describes it: consent at /api/v1/authorize (automatic: 302
 * back with state and code), HTTP Basic client auth at /api/v1/access_token, 1-hour access
 * tokens, a refresh token only with duration=permanent (it stays the same on refresh), and
 * /api/v1/revoke_token, where revoking the refresh token ends every access token of the grant.
 */
export class FakeRedditOAuth {
  #codes = new Map<string, { redirectUri: string; grant: Grant }>()
  #access = new Map<string, { valid: boolean; grant: Grant }>()
  #refresh = new Map<string, Grant>()

  isTokenValid(accessToken: string) {
    return this.#access.get(accessToken)?.valid === true
  }

  hasScope(accessToken: string, scope: string) {
    return this.#access.get(accessToken)?.grant.scopes.includes(scope) ?? false
  }

  isRefreshTokenValid(refreshToken: string) {
    return this.#refresh.has(refreshToken)
  }

  expire(accessToken: string) {
    const token = this.#access.get(accessToken)
    if (token) token.valid = false
  }

  #issue(grant: Grant, withRefresh: boolean) {
    const accessToken = randomBytes(20).toString('base64url')
    this.#access.set(accessToken, { valid: true, grant })
    return {
      json: {
        access_token: accessToken,
        token_type: 'bearer',
        expires_in: 3600,
        scope: grant.scopes.join(' '),
        ...(withRefresh && grant.refreshToken ? { refresh_token: grant.refreshToken } : {}),
      },
    }
  }

  routes(s: FakeServer) {
    s.route('GET', '/api/v1/authorize', (request) => {
      const q = request.query
      const redirectUri = q.get('redirect_uri') ?? ''
      const scopes = (q.get('scope') ?? '').split(/[ ,]+/).filter(Boolean)
      const invalid = badAuthorizeRequest(
        request,
        CLIENT,
        'invalid client_id, response_type or redirect_uri'
      )
      if (invalid) return invalid
      if (
        !q.get('state') ||
        !['temporary', 'permanent'].includes(q.get('duration') ?? '') ||
        !scopes.length ||
        scopes.some((scope) => !KNOWN_SCOPES.has(scope))
      ) {
        return { status: 400, text: 'invalid state, duration or scope' }
      }
      const code = randomBytes(12).toString('base64url')
      const permanent = q.get('duration') === 'permanent'
      this.#codes.set(code, {
        redirectUri,
        grant: { scopes, refreshToken: permanent ? randomBytes(20).toString('base64url') : null },
      })
      return consentRedirect(redirectUri, { state: q.get('state')!, code })
    })

    s.route('POST', '/api/v1/access_token', (request) => {
      if (!basicClientOk(request, CLIENT))
        return { status: 401, json: { message: 'Unauthorized', error: 401 } }
      const body = request.body
      if (body.grant_type === 'authorization_code') {
        const entry = this.#codes.get(body.code)
        this.#codes.delete(body.code)
        // Reddit answers a bad code with HTTP 200 and an error field.
        if (!entry || entry.redirectUri !== body.redirect_uri)
          return { json: { error: 'invalid_grant' } }
        if (entry.grant.refreshToken) this.#refresh.set(entry.grant.refreshToken, entry.grant)
        return this.#issue(entry.grant, true)
      }
      if (body.grant_type === 'refresh_token') {
        const grant = this.#refresh.get(body.refresh_token)
        return grant ? this.#issue(grant, true) : { status: 400, json: { error: 'invalid_grant' } }
      }
      return { json: { error: 'unsupported_grant_type' } }
    })

    s.route('POST', '/api/v1/revoke_token', (request) => {
      if (!basicClientOk(request, CLIENT))
        return { status: 401, json: { message: 'Unauthorized', error: 401 } }
      const token = String(request.body.token ?? '')
      const grant = this.#refresh.get(token)
      if (grant) {
        this.#refresh.delete(token)
        for (const entry of this.#access.values()) if (entry.grant === grant) entry.valid = false
      }
      this.expire(token)
      return { status: 204 }
    })
  }
}

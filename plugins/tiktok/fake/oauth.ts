import { randomBytes } from 'node:crypto'
import { badAuthorizeRequest, bodyClientOk, consentRedirect } from '#sdk/testing/fake_oauth'
import type { FakeReply, FakeServer } from '#sdk/testing/fake_server'

export const CLIENT_KEY = 'fake-tiktok-client-key'
export const CLIENT_SECRET = 'fake-tiktok-client-secret'
const CLIENT = { id: CLIENT_KEY, secret: CLIENT_SECRET, idField: 'client_key' }
export const KNOWN_SCOPES = [
  'user.info.basic',
  'user.info.profile',
  'user.info.stats',
  'video.list',
  'video.upload',
  'video.publish',
]
export const OPEN_ID = '-000OqU3Ynqb7xxTcqpZnB6Ji8j9ZrD7CN0p'

interface Grant {
  scopes: string[]
  refreshToken: string
}

const oauthError = (error: string, description: string, status = 400): FakeReply => ({
  status,
  json: { error, error_description: description, log_id: randomBytes(8).toString('hex') },
})

/**
 * TikTok's OAuth v2 as its docs describe it: consent at /v2/auth/authorize/ (automatic here:
 * 302 back with code, scopes and state), form-encoded token calls naming the app by
 * client_key with the secret in the body, access tokens of 24 h, refresh tokens that rotate
 * (each works once), and revocation of the whole grant.
 */
export class FakeTikTokOAuth {
  #codes = new Map<string, { redirectUri: string; scopes: string[] }>()
  #access = new Map<string, { valid: boolean; grant: Grant }>()
  #refresh = new Map<string, Grant>()

  isTokenValid(accessToken: string) {
    return this.#access.get(accessToken)?.valid === true
  }

  scopesOf(accessToken: string) {
    return this.#access.get(accessToken)?.grant.scopes ?? []
  }

  expire(accessToken: string) {
    const token = this.#access.get(accessToken)
    if (token) token.valid = false
  }

  isRefreshTokenValid(refreshToken: string) {
    return this.#refresh.has(refreshToken)
  }

  #issue(scopes: string[]) {
    const grant: Grant = { scopes, refreshToken: `rft.${randomBytes(24).toString('hex')}` }
    const accessToken = `act.${randomBytes(24).toString('hex')}`
    this.#access.set(accessToken, { valid: true, grant })
    this.#refresh.set(grant.refreshToken, grant)
    return {
      json: {
        open_id: OPEN_ID,
        scope: scopes.join(','),
        access_token: accessToken,
        expires_in: 86400,
        refresh_token: grant.refreshToken,
        refresh_expires_in: 31536000,
        token_type: 'Bearer',
      },
    }
  }

  routes(s: FakeServer) {
    s.route('GET', '/v2/auth/authorize/', (request) => {
      const q = request.query
      const redirectUri = q.get('redirect_uri') ?? ''
      const scopes = (q.get('scope') ?? '').split(',').filter(Boolean)
      const invalid = badAuthorizeRequest(
        request,
        CLIENT,
        'param_error: client_key, response_type or redirect_uri'
      )
      if (invalid) return invalid
      if (
        !q.get('state') ||
        !scopes.length ||
        scopes.some((scope) => !KNOWN_SCOPES.includes(scope))
      ) {
        return { status: 400, text: 'param_error: state and known scopes are required' }
      }
      const code = randomBytes(16).toString('hex')
      this.#codes.set(code, { redirectUri, scopes })
      return consentRedirect(redirectUri, {
        code,
        scopes: scopes.join(','),
        state: q.get('state')!,
      })
    })

    s.route('POST', '/v2/oauth/token/', (request) => {
      if (!request.headers['content-type']?.includes('application/x-www-form-urlencoded'))
        return oauthError('invalid_request', 'Content-Type must be form-urlencoded')
      if (!bodyClientOk(request, CLIENT))
        return oauthError('invalid_client', 'Client key or secret is incorrect.', 401)
      const body = request.body
      if (body.grant_type === 'authorization_code') {
        const grant = this.#codes.get(body.code)
        this.#codes.delete(body.code)
        if (!grant || grant.redirectUri !== body.redirect_uri)
          return oauthError('invalid_grant', 'Authorization code is expired.')
        return this.#issue(grant.scopes)
      }
      if (body.grant_type === 'refresh_token') {
        const grant = this.#refresh.get(body.refresh_token)
        if (!grant) return oauthError('invalid_grant', 'Refresh token is invalid or expired.')
        // Rotation: the spent refresh token dies with the grant's old access tokens.
        this.#refresh.delete(body.refresh_token)
        return this.#issue(grant.scopes)
      }
      return oauthError('unsupported_grant_type', 'Unsupported grant type')
    })

    s.route('POST', '/v2/oauth/revoke/', (request) => {
      if (!bodyClientOk(request, CLIENT))
        return oauthError('invalid_client', 'Client key or secret is incorrect.', 401)
      const token = this.#access.get(String(request.body.token ?? ''))
      if (token) {
        for (const [key, other] of this.#access) if (other.grant === token.grant) this.expire(key)
        this.#refresh.delete(token.grant.refreshToken)
      }
      return { json: {} }
    })
  }
}

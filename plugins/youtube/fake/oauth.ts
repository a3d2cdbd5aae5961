import { randomBytes } from 'node:crypto'
import {
  badAuthorizeRequest,
  bodyClientOk,
  consentRedirect,
  pkceMatches,
} from '#sdk/testing/fake_oauth'
import type { FakeReply, FakeRequest, FakeServer } from '#sdk/testing/fake_server'

export const CLIENT_ID = '1234567890-pistache.apps.googleusercontent.com'
export const CLIENT_SECRET = 'GOCSPX-fake-youtube-secret'
const CLIENT = { id: CLIENT_ID, secret: CLIENT_SECRET }

const oauthError = (error: string, description: string, status = 400): FakeReply => ({
  status,
  json: { error, error_description: description },
})

/**
 * Google's OAuth 2.0 for web servers: consent (automatic here), PKCE S256, a refresh token only
 * when access_type=offline and prompt=consent, 1-hour access tokens, refresh tokens that are not
 * rotated, and /revoke that ends the whole grant.
 */
export class FakeGoogleOAuth {
  #codes = new Map<
    string,
    {
      redirectUri: string
      challenge: string | null
      offline: boolean
      scope: string
      channelId: string
    }
  >()
  #access = new Map<string, { valid: boolean; grant: string; channelId: string; scope: string }>()
  #refresh = new Map<string, { grant: string; scope: string; channelId: string }>()
  #revokedGrants = new Set<string>()

  /**
   * The channel the user picks on Google's consent screen. A Google token acts for exactly
   * one channel (a brand account's channel is chosen there), so every token issued from
   * this consent lists and uploads to this channel only.
   */
  consentChannelId: string

  constructor(defaultChannelId: string) {
    this.consentChannelId = defaultChannelId
  }

  /** The channel an access token acts for, or null for an unknown token. */
  channelOf(token: string) {
    return this.#access.get(token)?.channelId ?? null
  }

  /** Whether the user granted this scope (a full scope URL) to the token. */
  hasScope(token: string, scope: string) {
    return this.#access.get(token)?.scope.split(' ').includes(scope) ?? false
  }

  isTokenValid(token: string) {
    const entry = this.#access.get(token)
    return !!entry?.valid && !this.#revokedGrants.has(entry.grant)
  }

  isRefreshTokenValid(token: string) {
    const entry = this.#refresh.get(token)
    return !!entry && !this.#revokedGrants.has(entry.grant)
  }

  expire(token: string) {
    const entry = this.#access.get(token)
    if (entry) entry.valid = false
  }

  #issue(grant: string, scope: string, withRefresh: boolean, channelId: string) {
    const accessToken = `ya29.${randomBytes(24).toString('base64url')}`
    this.#access.set(accessToken, { valid: true, grant, channelId, scope })
    const body: Record<string, unknown> = {
      access_token: accessToken,
      expires_in: 3599,
      token_type: 'Bearer',
      scope,
    }
    if (withRefresh) {
      const refreshToken = `1//${randomBytes(24).toString('base64url')}`
      this.#refresh.set(refreshToken, { grant, scope, channelId })
      body.refresh_token = refreshToken
    }
    return { json: body }
  }

  routes(s: FakeServer) {
    s.route('GET', '/o/oauth2/v2/auth', (request) => {
      const q = request.query
      const redirectUri = q.get('redirect_uri') ?? ''
      const invalid = badAuthorizeRequest(request, CLIENT, 'Error 400: invalid_request')
      if (invalid) return invalid
      if (!q.get('scope')?.includes('https://www.googleapis.com/auth/youtube.upload'))
        return { status: 400, text: 'Error 400: invalid_scope' }
      if (q.get('code_challenge') && q.get('code_challenge_method') !== 'S256')
        return { status: 400, text: 'Error 400: invalid code_challenge_method' }
      const code = `4/${randomBytes(16).toString('base64url')}`
      this.#codes.set(code, {
        redirectUri,
        challenge: q.get('code_challenge'),
        offline: q.get('access_type') === 'offline' && q.get('prompt') === 'consent',
        scope: q.get('scope')!,
        channelId: this.consentChannelId,
      })
      return consentRedirect(redirectUri, {
        state: q.get('state') ?? '',
        code,
        scope: q.get('scope')!,
      })
    })

    s.route('POST', '/token', (request: FakeRequest) => {
      const body = request.body
      if (!bodyClientOk(request, CLIENT))
        return oauthError('invalid_client', 'The OAuth client was not found.', 401)
      if (body.grant_type === 'authorization_code') {
        const grant = this.#codes.get(body.code)
        this.#codes.delete(body.code)
        if (!grant || grant.redirectUri !== body.redirect_uri)
          return oauthError('invalid_grant', 'Malformed auth code.')
        if (grant.challenge && !pkceMatches(grant.challenge, 'S256', body.code_verifier)) {
          return oauthError('invalid_grant', 'Invalid code verifier.')
        }
        return this.#issue(
          randomBytes(8).toString('hex'),
          grant.scope,
          grant.offline,
          grant.channelId
        )
      }
      if (body.grant_type === 'refresh_token') {
        const entry = this.#refresh.get(body.refresh_token)
        if (!entry || this.#revokedGrants.has(entry.grant))
          return oauthError('invalid_grant', 'Token has been expired or revoked.')
        return this.#issue(entry.grant, entry.scope, false, entry.channelId)
      }
      return oauthError('unsupported_grant_type', 'Invalid grant_type')
    })

    s.route('POST', '/revoke', (request) => {
      const token = String(request.body.token ?? request.query.get('token') ?? '')
      const grant = this.#access.get(token)?.grant ?? this.#refresh.get(token)?.grant
      if (!grant) return oauthError('invalid_token', 'Token expired or revoked')
      this.#revokedGrants.add(grant)
      return { json: {} }
    })
  }
}

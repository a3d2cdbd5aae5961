import { randomBytes } from 'node:crypto'
import type { FakeReply, FakeRequest, FakeServer } from '#sdk/testing/fake_server'
import { graphError } from '../../_meta/fake/graph_replies.js'

export const CLIENT_ID = '990011223344556'
export const CLIENT_SECRET = 'fake-threads-app-secret'
export const USER = {
  id: '25000000000000001',
  username: 'pistache.threads',
  name: 'Pistache on Threads',
}
export const DAY = 86_400_000
const SIXTY_DAYS_S = 5_184_000

interface Token {
  kind: 'short' | 'long'
  issuedAt: number
  expiresAt: number
  valid: boolean
}

/**
 * Threads' own OAuth (threads/FLOW.md "Tokens"), not Facebook Login: the authorize page (consent
 * is automatic), code → short-lived token (1 h) → long-lived token (60 days, th_exchange_token),
 * and th_refresh_token, which renews only a live long-lived token at least a day old.
 */
export class FakeThreadsOAuth {
  #codes = new Map<string, { redirectUri: string }>()
  #tokens = new Map<string, Token>()

  isTokenValid(token: string) {
    const record = this.#tokens.get(token)
    return !!record?.valid && record.expiresAt > Date.now()
  }

  expire(token: string) {
    const record = this.#tokens.get(token)
    if (record) record.expiresAt = Date.now() - 1000
  }

  /** Moves a token's issue date back, as if it had been issued `ms` earlier (refresh needs ≥ 24 h). */
  age(token: string, ms: number) {
    const record = this.#tokens.get(token)
    if (record) record.issuedAt -= ms
  }

  /** A live token (Bearer or access_token) acting for the user, or `me`; else the Graph error. */
  authenticate(request: FakeRequest, user?: string): FakeReply | null {
    const token = request.bearer ?? request.query.get('access_token')
    const record = token ? this.#tokens.get(token) : undefined
    if (!token || !record)
      return graphError('Invalid OAuth access token - Cannot parse access token', 190)
    if (!record.valid || record.expiresAt <= Date.now())
      return graphError('Error validating access token: Session has expired.', 190)
    if (user && ![USER.id, 'me'].includes(user))
      return graphError(
        `(#100) Object with ID '${user}' does not exist`,
        100,
        400,
        'THApiException'
      )
    return null
  }

  routes(s: FakeServer) {
    s.route('GET', '/oauth/authorize', (request) => {
      const q = request.query
      const redirectUri = q.get('redirect_uri') ?? ''
      if (
        q.get('client_id') !== CLIENT_ID ||
        q.get('response_type') !== 'code' ||
        !/^https?:\/\//.test(redirectUri) ||
        !q.get('scope')
      ) {
        return {
          status: 400,
          text: 'Invalid request: client_id, redirect_uri, scope and response_type=code are required',
        }
      }
      const code = randomBytes(20).toString('base64url')
      this.#codes.set(code, { redirectUri })
      const target = new URL(redirectUri)
      target.searchParams.set('code', code)
      if (q.get('state')) target.searchParams.set('state', q.get('state')!)
      return { redirect: `${target.toString()}#_` }
    })

    s.route('POST', '/oauth/access_token', (request) => {
      const b = request.body
      if (b.client_id !== CLIENT_ID || b.client_secret !== CLIENT_SECRET)
        return graphError('Error validating client secret.', 1)
      const grant = this.#codes.get(b.code)
      this.#codes.delete(b.code)
      if (b.grant_type !== 'authorization_code' || !grant || grant.redirectUri !== b.redirect_uri)
        return graphError('Invalid verification code format.', 100)
      const { token } = this.#issue('short', 3600)
      return { json: { access_token: token, user_id: Number(USER.id) } }
    })

    s.route('GET', '/access_token', (request) => {
      const q = request.query
      if (q.get('grant_type') !== 'th_exchange_token' || q.get('client_secret') !== CLIENT_SECRET)
        return graphError('Error validating client secret.', 1)
      const short = this.#tokens.get(q.get('access_token') ?? '')
      if (!short || short.kind !== 'short' || !this.isTokenValid(q.get('access_token')!))
        return graphError('Error validating access token.', 190)
      const { token, lifetimeS } = this.#issue('long', SIXTY_DAYS_S)
      return { json: { access_token: token, token_type: 'bearer', expires_in: lifetimeS } }
    })

    s.route('GET', '/refresh_access_token', (request) => {
      const q = request.query
      const current = q.get('access_token') ?? ''
      const record = this.#tokens.get(current)
      if (q.get('grant_type') !== 'th_refresh_token' || !record || record.kind !== 'long')
        return graphError('Invalid OAuth access token - Cannot parse access token', 190)
      // Only an unexpired long-lived token can be refreshed (FLOW.md): an expired one means a new login.
      if (!this.isTokenValid(current))
        return graphError('Error validating access token: Session has expired.', 190)
      if (Date.now() - record.issuedAt < DAY)
        return graphError(
          '(#100) The access token must be at least 24 hours old to be refreshed',
          100,
          400,
          'THApiException'
        )
      const { token, lifetimeS } = this.#issue('long', SIXTY_DAYS_S)
      return { json: { access_token: token, token_type: 'bearer', expires_in: lifetimeS } }
    })
  }

  #issue(kind: Token['kind'], lifetimeS: number) {
    const token = `TH${kind}${randomBytes(20).toString('base64url')}`
    this.#tokens.set(token, {
      kind,
      issuedAt: Date.now(),
      expiresAt: Date.now() + lifetimeS * 1000,
      valid: true,
    })
    return { token, lifetimeS }
  }
}

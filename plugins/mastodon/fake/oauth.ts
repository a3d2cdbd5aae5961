import { createHash, randomBytes } from 'node:crypto'
import type { FakeServer } from '#sdk/testing/fake_server'
import type { MastodonState } from './state.js'

/** App registration and OAuth with PKCE (consent is automatic), as a Mastodon instance answers them. */
export function oauthRoutes(s: FakeServer, state: MastodonState) {
  s.route('POST', '/api/v1/apps', (request) => {
    const invalid = state.checkBody(request, '/api/v1/apps')
    if (invalid) return invalid
    const clientId = randomBytes(8).toString('hex')
    const secret = randomBytes(16).toString('hex')
    state.apps.set(clientId, {
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
    const app = state.apps.get(q.get('client_id') ?? '')
    const redirectUri = q.get('redirect_uri') ?? ''
    if (!app || !app.redirectUris.includes(redirectUri) || q.get('response_type') !== 'code') {
      return { status: 400, text: 'invalid authorization request' }
    }
    if (q.get('code_challenge') && q.get('code_challenge_method') !== 'S256')
      return { status: 400, text: 'S256 only' }
    const code = randomBytes(12).toString('hex')
    state.codes.set(code, {
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
    const invalid = state.checkBody(request, '/oauth/token')
    if (invalid) return invalid
    const {
      client_id: clientId,
      client_secret: secret,
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    } = request.body
    const grant = state.codes.get(code)
    const app = state.apps.get(clientId)
    state.codes.delete(code)
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
    state.tokens.set(token, { valid: true })
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
    const invalid = state.checkBody(request, '/oauth/revoke')
    if (invalid) return invalid
    const app = state.apps.get(request.body.client_id)
    if (!app || app.secret !== request.body.client_secret)
      return { status: 403, json: { error: 'unauthorized_client' } }
    const token = state.tokens.get(request.body.token)
    if (token) token.valid = false
    return { json: {} }
  })
}

import { expiresAtFrom, ok, type AccountContext, type OAuth2Auth, type PluginContext, type Result, type TokenSet } from '#sdk'
import { mapRefreshFailure } from './errors.js'
import { fetchProfile } from './profile.js'
import { apiHttp, xUrls } from './urls.js'

const SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access']

interface XTokenResponse {
  token_type: string
  access_token: string
  refresh_token?: string
  expires_in?: number
  scope?: string
}

/**
 * A confidential client authenticates with HTTP Basic; a public one (no secret configured)
 * names itself with `client_id` in the body, as X's docs describe.
 */
function clientAuth(ctx: PluginContext): { headers: Record<string, string>; form: Record<string, string> } {
  const { clientId = '', clientSecret } = ctx.settings
  if (!clientSecret) return { headers: {}, form: { client_id: clientId } }
  const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64')
  return { headers: { authorization: `Basic ${basic}` }, form: {} }
}

async function tokenRequest(ctx: PluginContext, form: Record<string, string>): Promise<Result<XTokenResponse>> {
  const client = clientAuth(ctx)
  const response = await apiHttp(ctx).send<XTokenResponse>({
    method: 'POST',
    url: '/2/oauth2/token',
    headers: client.headers,
    form: { ...form, ...client.form },
  })
  return response.status === 'ok' ? ok(response.value.body) : response
}

function tokenSetOf(body: XTokenResponse, previous?: TokenSet): TokenSet {
  return {
    accessToken: body.access_token,
    // X rotates refresh tokens: the one just used is dead, keep the new one.
    refreshToken: body.refresh_token ?? previous?.refreshToken ?? null,
    expiresAt: expiresAtFrom(body.expires_in),
    scopes: body.scope?.split(' ') ?? previous?.scopes ?? SCOPES,
  }
}

/** X: OAuth 2.0 authorization code with PKCE S256; access tokens last 2 h, refresh tokens rotate. */
export const xAuth: OAuth2Auth = {
  kind: 'oauth2',
  pkce: true,
  scopes: SCOPES,
  picker: false,

  authorizationUrl(ctx, { state, redirectUri, codeChallenge }) {
    const url = new URL(xUrls(ctx.settings).authorize)
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: ctx.settings.clientId ?? '',
      redirect_uri: redirectUri,
      scope: SCOPES.join(' '),
      state,
      ...(codeChallenge ? { code_challenge: codeChallenge, code_challenge_method: 'S256' } : {}),
    }).toString()
    return url.toString()
  },

  async exchangeCode(ctx, { code, redirectUri, codeVerifier }) {
    const token = await tokenRequest(ctx, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      ...(codeVerifier ? { code_verifier: codeVerifier } : {}),
    })
    if (token.status !== 'ok') return token
    const tokenSet = tokenSetOf(token.value)
    const profile = await fetchProfile(apiHttp(ctx), ctx.settings, tokenSet.accessToken)
    if (profile.status !== 'ok') return profile
    return ok([{ profile: profile.value, token: tokenSet }])
  },

  async refresh(ctx: AccountContext) {
    if (!ctx.token.refreshToken) return { status: 'unauthorized', reason: 'no refresh token (offline.access not granted)' }
    const token = mapRefreshFailure(await tokenRequest(ctx, { grant_type: 'refresh_token', refresh_token: ctx.token.refreshToken }))
    return token.status === 'ok' ? ok(tokenSetOf(token.value, ctx.token)) : token
  },

  /** Revokes the refresh token first (it outlives the access token), then the access token. */
  async revoke(ctx: AccountContext): Promise<Result<void>> {
    const client = clientAuth(ctx)
    const tokens: [string, string][] = [
      ...(ctx.token.refreshToken ? [[ctx.token.refreshToken, 'refresh_token'] as [string, string]] : []),
      [ctx.token.accessToken, 'access_token'],
    ]
    for (const [token, hint] of tokens) {
      const response = await apiHttp(ctx).send({
        method: 'POST',
        url: '/2/oauth2/revoke',
        headers: client.headers,
        form: { token, token_type_hint: hint, ...client.form },
      })
      if (response.status !== 'ok') return response
    }
    return ok(undefined)
  },
}

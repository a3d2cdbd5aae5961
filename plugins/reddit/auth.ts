import { expiresAtFrom, ok, unauthorized, type AccountContext, type OAuth2Auth, type PluginContext, type Result, type TokenSet } from '#sdk'
import { fetchProfile } from './profile.js'
import { redditHttp, redditUrls } from './settings.js'

/** identity (who), submit (posts, media leases), read (api/info, subreddit rules), flair, history (own submissions, for reconciliation). */
export const REDDIT_SCOPES = ['identity', 'submit', 'read', 'flair', 'history']

interface RedditTokenResponse {
  access_token: string
  token_type: string
  expires_in?: number
  scope?: string
  refresh_token?: string
  error?: string
}

function basic(ctx: PluginContext) {
  return `Basic ${Buffer.from(`${ctx.settings.clientId ?? ''}:${ctx.settings.clientSecret ?? ''}`).toString('base64')}`
}

/** Reddit answers some token errors with HTTP 200 and `{"error": "invalid_grant"}`. */
async function tokenRequest(ctx: PluginContext, form: Record<string, string>): Promise<Result<RedditTokenResponse>> {
  const response = await redditHttp(ctx, 'auth').send<RedditTokenResponse>({
    method: 'POST',
    url: '/api/v1/access_token',
    headers: { authorization: basic(ctx) },
    form,
  })
  if (response.status === 'error' && response.httpStatus && response.httpStatus < 500) return unauthorized(`token refused: ${response.reason}`)
  if (response.status !== 'ok') return response
  const body = response.value.body
  if (body?.error || !body?.access_token) return unauthorized(`token refused: ${body?.error ?? 'no access token'}`)
  return ok(body)
}

function tokenSetOf(body: RedditTokenResponse, previous?: TokenSet): TokenSet {
  return {
    accessToken: body.access_token,
    // Permanent refresh tokens normally stay the same; keep a new one if Reddit sends it.
    refreshToken: body.refresh_token ?? previous?.refreshToken ?? null,
    expiresAt: expiresAtFrom(body.expires_in),
    scopes: body.scope?.split(/[ ,]+/).filter(Boolean) ?? previous?.scopes ?? REDDIT_SCOPES,
  }
}

/**
 * Reddit OAuth 2 for a confidential web app: duration=permanent (or no refresh token is
 * issued), HTTP Basic client authentication, 1-hour access tokens. Reddit has no PKCE.
 */
export const redditAuth: OAuth2Auth = {
  kind: 'oauth2',
  pkce: false,
  scopes: REDDIT_SCOPES,
  picker: false,

  authorizationUrl(ctx, { state, redirectUri }) {
    const url = new URL('/api/v1/authorize', redditUrls(ctx.settings).auth)
    url.search = new URLSearchParams({
      client_id: ctx.settings.clientId ?? '',
      response_type: 'code',
      state,
      redirect_uri: redirectUri,
      duration: 'permanent',
      scope: REDDIT_SCOPES.join(' '),
    }).toString()
    return url.toString()
  },

  async exchangeCode(ctx, { code, redirectUri }) {
    const token = await tokenRequest(ctx, { grant_type: 'authorization_code', code, redirect_uri: redirectUri })
    if (token.status !== 'ok') return token
    const tokenSet = tokenSetOf(token.value)
    const profile = await fetchProfile(ctx, tokenSet.accessToken)
    if (profile.status !== 'ok') return profile
    return ok([{ profile: profile.value, token: tokenSet }])
  },

  async refresh(ctx: AccountContext) {
    if (!ctx.token.refreshToken) return unauthorized('no refresh token: reconnect the account')
    const token = await tokenRequest(ctx, { grant_type: 'refresh_token', refresh_token: ctx.token.refreshToken })
    return token.status === 'ok' ? ok(tokenSetOf(token.value, ctx.token)) : token
  },

  /** Revoking the refresh token ends the grant (and its access tokens); the access token goes too in case none exists. */
  async revoke(ctx: AccountContext): Promise<Result<void>> {
    const tokens: [string, string][] = [
      ...(ctx.token.refreshToken ? [[ctx.token.refreshToken, 'refresh_token'] as [string, string]] : []),
      [ctx.token.accessToken, 'access_token'],
    ]
    for (const [token, hint] of tokens) {
      const response = await redditHttp(ctx, 'auth').send({
        method: 'POST',
        url: '/api/v1/revoke_token',
        headers: { authorization: basic(ctx) },
        form: { token, token_type_hint: hint },
      })
      if (response.status !== 'ok') return response
    }
    return ok(undefined)
  },
}

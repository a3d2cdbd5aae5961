import { expiresAtFrom, ok, unauthorized, type AccountContext, type OAuth2Auth, type PluginContext, type Result, type TokenSet } from '#sdk'
import { fetchProfile } from './profile.js'
import { apiHttp, tiktokUrls } from './urls.js'

/** Exactly the scopes the privacy policy lists; TikTok separates them with commas. */
export const TIKTOK_SCOPES = ['user.info.basic', 'user.info.profile', 'user.info.stats', 'video.list', 'video.upload', 'video.publish']

interface TikTokTokenResponse {
  open_id: string
  scope?: string
  access_token: string
  expires_in?: number
  refresh_token?: string
  refresh_expires_in?: number
  token_type?: string
  error?: string
  error_description?: string
}

/** TikTok names the client `client_key` and takes the secret in the form body (no HTTP Basic). */
async function tokenRequest(ctx: PluginContext, path: string, form: Record<string, string>) {
  return apiHttp(ctx).send<TikTokTokenResponse>({
    method: 'POST',
    url: path,
    headers: { 'cache-control': 'no-cache' },
    form: { client_key: ctx.settings.clientId ?? '', client_secret: ctx.settings.clientSecret ?? '', ...form },
  })
}

/** A token answer; TikTok has been seen to report OAuth errors with HTTP 200, so the body decides. */
async function grant(ctx: PluginContext, form: Record<string, string>): Promise<Result<TikTokTokenResponse>> {
  const response = await tokenRequest(ctx, '/v2/oauth/token/', form)
  if (response.status === 'error' && response.httpStatus && response.httpStatus < 500) return unauthorized(`token refused: ${response.reason}`)
  if (response.status !== 'ok') return response
  const body = response.value.body
  if (body?.error || !body?.access_token) return unauthorized(`token refused: ${body?.error ?? 'no access token'} ${body?.error_description ?? ''}`.trim())
  return ok(body)
}

function tokenSetOf(body: TikTokTokenResponse, previous?: TokenSet): TokenSet {
  const refreshExpiresAt = expiresAtFrom(body.refresh_expires_in)
  return {
    accessToken: body.access_token,
    // Refresh tokens rotate: the one just spent stops working, so the new one must be kept.
    refreshToken: body.refresh_token ?? previous?.refreshToken ?? null,
    expiresAt: expiresAtFrom(body.expires_in),
    scopes: body.scope ? body.scope.split(',').map((scope) => scope.trim()) : (previous?.scopes ?? TIKTOK_SCOPES),
    extra: {
      ...previous?.extra,
      openId: body.open_id ?? previous?.extra?.openId ?? '',
      ...(refreshExpiresAt ? { refreshExpiresAt: String(refreshExpiresAt) } : {}),
    },
  }
}

/**
 * TikTok Login Kit for web: authorization code without PKCE (TikTok documents
 * code_verifier for mobile and desktop apps only). Lifetimes come from expires_in and
 * refresh_expires_in, because TikTok's two doc versions disagree (24 h / 365 d vs 2 h / 180 d).
 */
export const tiktokAuth: OAuth2Auth = {
  kind: 'oauth2',
  pkce: false,
  scopes: TIKTOK_SCOPES,
  picker: false,

  authorizationUrl(ctx, { state, redirectUri }) {
    const url = new URL(tiktokUrls(ctx.settings).authorize)
    url.search = new URLSearchParams({
      client_key: ctx.settings.clientId ?? '',
      response_type: 'code',
      scope: TIKTOK_SCOPES.join(','),
      redirect_uri: redirectUri,
      state,
    }).toString()
    return url.toString()
  },

  async exchangeCode(ctx, { code, redirectUri }) {
    const token = await grant(ctx, { code, grant_type: 'authorization_code', redirect_uri: redirectUri })
    if (token.status !== 'ok') return token
    const tokenSet = tokenSetOf(token.value)
    const profile = await fetchProfile(ctx, tokenSet.accessToken)
    if (profile.status !== 'ok') return profile
    return ok([{ profile: profile.value, token: tokenSet }])
  },

  async refresh(ctx: AccountContext) {
    if (!ctx.token.refreshToken) return unauthorized('no refresh token: reconnect the account')
    const token = await grant(ctx, { grant_type: 'refresh_token', refresh_token: ctx.token.refreshToken })
    return token.status === 'ok' ? ok(tokenSetOf(token.value, ctx.token)) : token
  },

  /** POST /v2/oauth/revoke/ ends the whole authorization (access and refresh token). */
  async revoke(ctx: AccountContext): Promise<Result<void>> {
    const response = await tokenRequest(ctx, '/v2/oauth/revoke/', { token: ctx.token.accessToken })
    return response.status === 'ok' ? ok(undefined) : response
  },
}

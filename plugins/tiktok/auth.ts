import {
  authorizationUrl,
  connectOneAccount,
  expiresAtFrom,
  refreshTokens,
  revokeTokens,
  toTokenSet,
  type AccountContext,
  type OAuth2Auth,
  type OAuthEndpoint,
  type PluginContext,
  type TokenEndpoint,
  type TokenResponse,
  type TokenSet,
} from '#sdk'
import { fetchProfile } from './profile.js'
import { apiHttp, tiktokUrls } from './urls.js'

/** Exactly the scopes the privacy policy lists; TikTok separates them with commas. */
export const TIKTOK_SCOPES = [
  'user.info.basic',
  'user.info.profile',
  'user.info.stats',
  'video.list',
  'video.upload',
  'video.publish',
]

interface TikTokTokenResponse extends TokenResponse {
  open_id: string
  refresh_expires_in?: number
}

/** TikTok names the client `client_key` and takes the secret in the form body (no HTTP Basic). */
function endpoint(ctx: PluginContext, url: string): OAuthEndpoint {
  return {
    http: apiHttp(ctx),
    url,
    clientAuth: 'body',
    clientIdField: 'client_key',
    headers: { 'cache-control': 'no-cache' },
  }
}

/** TikTok has been seen to report OAuth errors with HTTP 200, so the body decides. */
function tokenEndpoint(ctx: PluginContext): TokenEndpoint {
  return { ...endpoint(ctx, '/v2/oauth/token/'), errorsInBody: true, tokenSet: tokenSetOf }
}

/** Refresh tokens rotate: the one just spent stops working, so the new one must be kept (toTokenSet does). */
function tokenSetOf(body: TikTokTokenResponse, previous?: TokenSet): TokenSet {
  const refreshExpiresAt = expiresAtFrom(body.refresh_expires_in)
  return {
    ...toTokenSet(body, previous, TIKTOK_SCOPES),
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
    return authorizationUrl(tiktokUrls(ctx.settings).authorize, {
      client_key: ctx.settings.clientId ?? '',
      response_type: 'code',
      scope: TIKTOK_SCOPES.join(','),
      redirect_uri: redirectUri,
      state,
    })
  },

  /** No PKCE: a verifier the app may hold is not sent. */
  exchangeCode(ctx, { code, redirectUri }) {
    return connectOneAccount(ctx, tokenEndpoint(ctx), { code, redirectUri }, (accessToken) =>
      fetchProfile(ctx, accessToken)
    )
  },

  refresh(ctx: AccountContext) {
    return refreshTokens(ctx, tokenEndpoint(ctx), 'no refresh token: reconnect the account')
  },

  /** POST /v2/oauth/revoke/ ends the whole authorization (access and refresh token). */
  revoke(ctx: AccountContext) {
    return revokeTokens(ctx, endpoint(ctx, '/v2/oauth/revoke/'), [{ token: ctx.token.accessToken }])
  },
}

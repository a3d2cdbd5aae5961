import {
  authorizationUrl,
  connectOneAccount,
  pkceParams,
  refreshThenAccess,
  refreshTokens,
  revokeTokens,
  type AccountContext,
  type OAuth2Auth,
  type OAuthEndpoint,
  type PluginContext,
  type TokenEndpoint,
} from '#sdk'
import { fetchProfile } from './profile.js'
import { apiHttp, xUrls } from './urls.js'

const SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access']

/**
 * A confidential client authenticates with HTTP Basic; a public one (no secret configured)
 * names itself with `client_id` in the body, as X's docs describe.
 */
function endpoint(ctx: PluginContext, url: string): OAuthEndpoint {
  return { http: apiHttp(ctx), url, clientAuth: ctx.settings.clientSecret ? 'basic' : 'public' }
}

/** X rotates refresh tokens: the one just used is dead, and the answer carries the new one. */
function tokenEndpoint(ctx: PluginContext): TokenEndpoint {
  return { ...endpoint(ctx, '/2/oauth2/token'), defaultScopes: SCOPES }
}

/** X: OAuth 2.0 authorization code with PKCE S256; access tokens last 2 h, refresh tokens rotate. */
export const xAuth: OAuth2Auth = {
  kind: 'oauth2',
  pkce: true,
  scopes: SCOPES,
  picker: false,

  authorizationUrl(ctx, { state, redirectUri, codeChallenge }) {
    return authorizationUrl(xUrls(ctx.settings).authorize, {
      response_type: 'code',
      client_id: ctx.settings.clientId ?? '',
      redirect_uri: redirectUri,
      scope: SCOPES.join(' '),
      state,
      ...pkceParams(codeChallenge),
    })
  },

  exchangeCode(ctx, input) {
    return connectOneAccount(ctx, tokenEndpoint(ctx), input, (accessToken) =>
      fetchProfile(apiHttp(ctx), ctx.settings, accessToken)
    )
  },

  refresh(ctx: AccountContext) {
    return refreshTokens(ctx, tokenEndpoint(ctx), 'no refresh token (offline.access not granted)')
  },

  /** Revokes the refresh token first (it outlives the access token), then the access token. */
  revoke(ctx: AccountContext) {
    return revokeTokens(ctx, endpoint(ctx, '/2/oauth2/revoke'), refreshThenAccess(ctx.token))
  },
}

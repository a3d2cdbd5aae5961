import {
  authorizationUrl,
  connectOneAccount,
  refreshThenAccess,
  refreshTokens,
  revokeTokens,
  type AccountContext,
  type OAuth2Auth,
  type PluginContext,
  type TokenEndpoint,
} from '#sdk'
import { fetchProfile } from './profile.js'
import { redditHttp, redditUrls } from './settings.js'

/** identity (who), submit (posts, media leases), read (api/info, subreddit rules), flair, history (own submissions, for reconciliation). */
export const REDDIT_SCOPES = ['identity', 'submit', 'read', 'flair', 'history']

/**
 * Reddit answers some token errors with HTTP 200 and `{"error": "invalid_grant"}`. Permanent
 * refresh tokens normally stay the same; a new one is kept if Reddit sends it.
 */
function tokenEndpoint(ctx: PluginContext): TokenEndpoint {
  return {
    http: redditHttp(ctx, 'auth'),
    url: '/api/v1/access_token',
    clientAuth: 'basic',
    errorsInBody: true,
    defaultScopes: REDDIT_SCOPES,
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
    return authorizationUrl(new URL('/api/v1/authorize', redditUrls(ctx.settings).auth), {
      client_id: ctx.settings.clientId ?? '',
      response_type: 'code',
      state,
      redirect_uri: redirectUri,
      duration: 'permanent',
      scope: REDDIT_SCOPES.join(' '),
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

  /** Revoking the refresh token ends the grant (and its access tokens); the access token goes too in case none exists. */
  revoke(ctx: AccountContext) {
    return revokeTokens(
      ctx,
      { http: redditHttp(ctx, 'auth'), url: '/api/v1/revoke_token', clientAuth: 'basic' },
      refreshThenAccess(ctx.token)
    )
  },
}

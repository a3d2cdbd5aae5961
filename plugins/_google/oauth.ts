import { createHash } from 'node:crypto'
import {
  authorizationUrl,
  exchangeCodeForTokens,
  failed,
  ok,
  pkceParams,
  refreshTokens,
  revokeTokens,
  type AccountProfile,
  type OAuth2Auth,
  type PluginContext,
  type PluginSettings,
  type Result,
  type TokenEndpoint,
  type TokenSet,
} from '#sdk'

/** Where Google signs a user in, trades codes for tokens and revokes them. */
export interface GoogleOAuthUrls {
  authorize: string
  token: string
  revoke: string
}

/** What differs between two Google networks' sign-ins; the flow itself is Google's. */
export interface GoogleOAuthSpec {
  scopes: string[]
  /** The network's URLs after config (a test's fake stands in for Google there). */
  urls(settings: PluginSettings): GoogleOAuthUrls
  /** Whether one sign-in offers several accounts (the app's picker) or names exactly one. */
  picker: boolean
  /** Consent-URL parameters of this network's own (e.g. `include_granted_scopes`). */
  consentParams?: Record<string, string>
  /** The accounts this sign-in may connect; the helper gives each the grant's key. */
  accountsOf(ctx: PluginContext, token: TokenSet): Promise<Result<AccountProfile[]>>
  /** The failure when the sign-in has nothing to connect (no location, no channel). */
  noAccount: { reason: string; code: string }
  /** The reason a refresh gives when there is no refresh token. */
  noRefreshToken: string
}

/**
 * Revoking ends the whole Google grant, so every account of one sign-in shares a key. Without
 * the `openid` scope Google names no user: the key is a hash of the refresh token, which
 * Google keeps for the life of the grant (not reversible, so not a secret).
 */
export function googleGrantKey(token: TokenSet) {
  return `google:${createHash('sha256')
    .update(token.refreshToken ?? token.accessToken)
    .digest('base64url')
    .slice(0, 22)}`
}

/**
 * Google OAuth 2.0 with PKCE: `access_type=offline` + `prompt=consent` so that every connect
 * returns a refresh token (access tokens last an hour). Google takes the client's credentials
 * in the form body; refreshing keeps the same refresh token (toTokenSet keeps it); revoking
 * the refresh token ends the whole grant, access tokens included.
 */
export function googleOAuth(spec: GoogleOAuthSpec): OAuth2Auth {
  const tokenEndpoint = (ctx: PluginContext): TokenEndpoint => ({
    http: ctx.http,
    url: spec.urls(ctx.settings).token,
    clientAuth: 'body',
    defaultScopes: spec.scopes,
  })

  return {
    kind: 'oauth2',
    pkce: true,
    scopes: spec.scopes,
    picker: spec.picker,

    authorizationUrl(ctx, { state, redirectUri, codeChallenge }) {
      return authorizationUrl(spec.urls(ctx.settings).authorize, {
        client_id: ctx.settings.clientId ?? '',
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: spec.scopes.join(' '),
        access_type: 'offline',
        prompt: 'consent',
        ...spec.consentParams,
        state,
        ...pkceParams(codeChallenge),
      })
    },

    async exchangeCode(ctx, input) {
      const token = await exchangeCodeForTokens(ctx, tokenEndpoint(ctx), input)
      if (token.status !== 'ok') return token
      const accounts = await spec.accountsOf(ctx, token.value)
      if (accounts.status !== 'ok') return accounts
      if (!accounts.value.length) return failed(spec.noAccount.reason, false, spec.noAccount.code)
      const grant = googleGrantKey(token.value)
      return ok(
        accounts.value.map((profile) => ({ profile: { ...profile, grant }, token: token.value }))
      )
    },

    /** A 400 (invalid_grant): revoked, unused for 6 months, or a "Testing" consent screen's 7 days are over. */
    refresh(ctx) {
      return refreshTokens(ctx, tokenEndpoint(ctx), spec.noRefreshToken)
    },

    revoke(ctx) {
      const token = ctx.token.refreshToken ?? ctx.token.accessToken
      return revokeTokens(
        ctx,
        { http: ctx.http, url: spec.urls(ctx.settings).revoke, clientAuth: 'none' },
        [{ token }]
      )
    },
  }
}

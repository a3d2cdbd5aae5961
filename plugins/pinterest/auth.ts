import {
  authorizationUrl,
  connectOneAccount,
  ok,
  refreshThenAccess,
  refreshTokens,
  revokeTokens,
  type AccountContext,
  type AccountProfile,
  type OAuth2Auth,
  type PluginContext,
  type Result,
  type TokenEndpoint,
} from '#sdk'
import { apiHttp, pinterestUrls } from './urls.js'

export const DEFAULT_SCOPES = [
  'boards:read',
  'boards:read_secret',
  'pins:read',
  'pins:read_secret',
  'pins:write',
  'pins:write_secret',
  'user_accounts:read',
]

function scopesOf(ctx: PluginContext) {
  const configured = ctx.settings.scopes
  return typeof configured === 'string' && configured.trim()
    ? configured.trim().split(/[\s,]+/)
    : DEFAULT_SCOPES
}

/** The token endpoint takes the client's credentials as HTTP Basic (spec: security `basic`). */
function tokenEndpoint(ctx: PluginContext): TokenEndpoint {
  return {
    http: apiHttp(ctx),
    url: 'oauth/token',
    clientAuth: 'basic',
    // Apps created before 25 Sep 2025 must ask for continuous refresh tokens explicitly.
    form: ctx.settings.continuousRefresh === true ? { continuous_refresh: 'true' } : {},
  }
}

interface UserAccount {
  id?: string
  username: string
  business_name?: string | null
  profile_image?: string
  account_type?: string
}

async function fetchProfile(
  ctx: PluginContext,
  accessToken: string
): Promise<Result<AccountProfile>> {
  const me = await apiHttp(ctx).send<UserAccount>({ url: 'user_account', bearer: accessToken })
  if (me.status !== 'ok') return me
  const user = me.value.body
  return ok({
    externalId: user.id ?? user.username,
    handle: user.username,
    displayName: user.business_name || user.username,
    avatarUrl: user.profile_image ?? null,
    profileUrl: `${pinterestUrls(ctx.settings).web.replace(/\/$/, '')}/${encodeURIComponent(user.username)}/`,
    meta: { username: user.username, accountType: user.account_type ?? null },
  })
}

/** Pinterest OAuth 2.0: code grant, continuous refresh tokens (60 days, refreshable), revocation. Boards are picked per post. */
export const pinterestAuth: OAuth2Auth = {
  kind: 'oauth2',
  pkce: false,
  scopes: DEFAULT_SCOPES,
  picker: false,

  authorizationUrl(ctx, { state, redirectUri }) {
    return authorizationUrl(pinterestUrls(ctx.settings).authorize, {
      client_id: ctx.settings.clientId ?? '',
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: scopesOf(ctx).join(','),
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
    return refreshTokens(ctx, tokenEndpoint(ctx), 'no refresh token: reconnect')
  },

  /** Revokes the refresh token (it outlives the access token), then the access token. */
  revoke(ctx: AccountContext) {
    return revokeTokens(
      ctx,
      { http: apiHttp(ctx), url: 'oauth/token/revoke', clientAuth: 'basic' },
      refreshThenAccess(ctx.token)
    )
  },
}

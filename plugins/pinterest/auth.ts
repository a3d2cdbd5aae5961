import {
  expiresAtFrom,
  ok,
  unauthorized,
  type AccountContext,
  type AccountProfile,
  type OAuth2Auth,
  type PluginContext,
  type Result,
  type TokenSet,
} from '#sdk'
import { apiHttp, pinterestUrls } from './urls.js'

export const DEFAULT_SCOPES = ['boards:read', 'boards:read_secret', 'pins:read', 'pins:read_secret', 'pins:write', 'pins:write_secret', 'user_accounts:read']

function scopesOf(ctx: PluginContext) {
  const configured = ctx.settings.scopes
  return typeof configured === 'string' && configured.trim() ? configured.trim().split(/[\s,]+/) : DEFAULT_SCOPES
}

interface PinterestToken {
  access_token: string
  refresh_token?: string
  expires_in?: number
  refresh_token_expires_in?: number
  scope?: string
}

/** The token endpoint takes the client's credentials as HTTP Basic (spec: security `basic`). */
function basic(ctx: PluginContext) {
  return `Basic ${Buffer.from(`${ctx.settings.clientId ?? ''}:${ctx.settings.clientSecret ?? ''}`).toString('base64')}`
}

async function tokenRequest(ctx: PluginContext, form: Record<string, string>): Promise<Result<PinterestToken>> {
  // Apps created before 25 Sep 2025 must ask for continuous refresh tokens explicitly.
  const continuous: Record<string, string> = ctx.settings.continuousRefresh === true ? { continuous_refresh: 'true' } : {}
  const response = await apiHttp(ctx).send<PinterestToken>({
    method: 'POST',
    url: 'oauth/token',
    headers: { authorization: basic(ctx) },
    form: { ...form, ...continuous },
  })
  return response.status === 'ok' ? ok(response.value.body) : response
}

function tokenSetOf(body: PinterestToken, previous?: TokenSet): TokenSet {
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token ?? previous?.refreshToken ?? null,
    expiresAt: expiresAtFrom(body.expires_in),
    scopes: body.scope?.split(/[\s,]+/).filter(Boolean) ?? previous?.scopes,
  }
}

interface UserAccount {
  id?: string
  username: string
  business_name?: string | null
  profile_image?: string
  account_type?: string
}

async function fetchProfile(ctx: PluginContext, accessToken: string): Promise<Result<AccountProfile>> {
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
    const url = new URL(pinterestUrls(ctx.settings).authorize)
    url.search = new URLSearchParams({
      client_id: ctx.settings.clientId ?? '',
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: scopesOf(ctx).join(','),
      state,
    }).toString()
    return url.toString()
  },

  async exchangeCode(ctx, { code, redirectUri }) {
    const token = await tokenRequest(ctx, { grant_type: 'authorization_code', code, redirect_uri: redirectUri })
    if (token.status !== 'ok') return token
    const tokenSet = tokenSetOf(token.value)
    const profile = await fetchProfile(ctx, tokenSet.accessToken)
    return profile.status === 'ok' ? ok([{ profile: profile.value, token: tokenSet }]) : profile
  },

  async refresh(ctx: AccountContext) {
    if (!ctx.token.refreshToken) return unauthorized('no refresh token: reconnect')
    const token = await tokenRequest(ctx, { grant_type: 'refresh_token', refresh_token: ctx.token.refreshToken })
    if (token.status === 'error' && token.httpStatus === 400) return unauthorized(`refresh refused: ${token.reason}`)
    return token.status === 'ok' ? ok(tokenSetOf(token.value, ctx.token)) : token
  },

  /** Revokes the refresh token (it outlives the access token), then the access token. */
  async revoke(ctx: AccountContext): Promise<Result<void>> {
    const tokens: [string, string][] = [
      ...(ctx.token.refreshToken ? [[ctx.token.refreshToken, 'refresh_token'] as [string, string]] : []),
      [ctx.token.accessToken, 'access_token'],
    ]
    for (const [token, hint] of tokens) {
      const revoked = await apiHttp(ctx).send({
        method: 'POST',
        url: 'oauth/token/revoke',
        headers: { authorization: basic(ctx) },
        form: { token, token_type_hint: hint },
      })
      if (revoked.status !== 'ok') return revoked
    }
    return ok(undefined)
  },
}

import {
  expiresAtFrom,
  ok,
  unauthorized,
  type AccountContext,
  type OAuth2Auth,
  type PluginContext,
  type Result,
  type TokenSet,
} from '#sdk'
import { fetchAdministeredOrganizations, fetchMember } from './profile.js'
import { apiHttp, linkedinUrls, oauthHttp } from './urls.js'

/**
 * Member posting (w_member_social, self-serve) plus Pages (w_organization_social,
 * r_organization_social, rw_organization_admin: Community Management approval) and member
 * post analytics. Apps without every product set `scopes` (space-separated) in settings.
 */
export const DEFAULT_SCOPES = [
  'openid',
  'profile',
  'w_member_social',
  'r_member_postAnalytics',
  'w_organization_social',
  'r_organization_social',
  'rw_organization_admin',
]

function scopesOf(ctx: PluginContext) {
  const configured = ctx.settings.scopes
  return typeof configured === 'string' && configured.trim() ? configured.trim().split(/[\s,]+/) : DEFAULT_SCOPES
}

interface LinkedInTokenResponse {
  access_token: string
  expires_in?: number
  refresh_token?: string
  refresh_token_expires_in?: number
  scope?: string
}

async function tokenRequest(ctx: PluginContext, form: Record<string, string>): Promise<Result<LinkedInTokenResponse>> {
  const response = await oauthHttp(ctx).send<LinkedInTokenResponse>({
    method: 'POST',
    url: 'accessToken',
    form: { ...form, client_id: ctx.settings.clientId ?? '', client_secret: ctx.settings.clientSecret ?? '' },
  })
  return response.status === 'ok' ? ok(response.value.body) : response
}

function tokenSetOf(body: LinkedInTokenResponse, previous?: TokenSet): TokenSet {
  return {
    accessToken: body.access_token,
    // Refresh tokens exist only for approved partner apps, live 365 days from the first
    // consent and are not rotated: keep the one we have when the answer repeats none.
    refreshToken: body.refresh_token ?? previous?.refreshToken ?? null,
    expiresAt: expiresAtFrom(body.expires_in),
    scopes: body.scope?.split(/[\s,]+/).filter(Boolean) ?? previous?.scopes,
  }
}

/** LinkedIn 3-legged OAuth 2.0 (no PKCE for confidential web apps), then a picker: the member and each Page they administer. */
export const linkedinAuth: OAuth2Auth = {
  kind: 'oauth2',
  pkce: false,
  scopes: DEFAULT_SCOPES,
  picker: true,

  authorizationUrl(ctx, { state, redirectUri }) {
    const url = new URL(`${linkedinUrls(ctx.settings).oauth.replace(/\/$/, '')}/authorization`)
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: ctx.settings.clientId ?? '',
      redirect_uri: redirectUri,
      state,
      scope: scopesOf(ctx).join(' '),
    }).toString()
    return url.toString()
  },

  async exchangeCode(ctx, { code, redirectUri }) {
    const token = await tokenRequest(ctx, { grant_type: 'authorization_code', code, redirect_uri: redirectUri })
    if (token.status !== 'ok') return token
    const tokenSet = tokenSetOf(token.value)
    const http = apiHttp(ctx)
    const member = await fetchMember(http, tokenSet.accessToken)
    if (member.status !== 'ok') return member
    const organizations = await fetchAdministeredOrganizations(http, ctx.settings, tokenSet.accessToken)
    if (organizations.status !== 'ok') return organizations
    // One token acts for the member and every Page: each connection carries a copy, and one grant key.
    const grant = `linkedin:${member.value.externalId}`
    return ok([member.value, ...organizations.value].map((profile) => ({ profile: { ...profile, grant }, token: { ...tokenSet } })))
  },

  async refresh(ctx: AccountContext) {
    if (!ctx.token.refreshToken) return unauthorized('no refresh token (not a Marketing Developer Platform app): reconnect every 60 days')
    const token = await tokenRequest(ctx, { grant_type: 'refresh_token', refresh_token: ctx.token.refreshToken })
    // A 400 (invalid_grant) means the 365-day refresh token is spent or revoked.
    if (token.status === 'error' && token.httpStatus === 400) return unauthorized(`refresh refused: ${token.reason}`)
    return token.status === 'ok' ? ok(tokenSetOf(token.value, ctx.token)) : token
  },

  async revoke(ctx: AccountContext): Promise<Result<void>> {
    const revoked = await oauthHttp(ctx).send({
      method: 'POST',
      url: 'revoke',
      form: { client_id: ctx.settings.clientId ?? '', client_secret: ctx.settings.clientSecret ?? '', token: ctx.token.accessToken },
    })
    return revoked.status === 'ok' ? ok(undefined) : revoked
  },
}

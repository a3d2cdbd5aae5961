import {
  authorizationUrl,
  exchangeCodeForTokens,
  ok,
  refreshTokens,
  revokeTokens,
  type AccountContext,
  type OAuth2Auth,
  type OAuthEndpoint,
  type PluginContext,
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
  return typeof configured === 'string' && configured.trim()
    ? configured.trim().split(/[\s,]+/)
    : DEFAULT_SCOPES
}

/**
 * Client id and secret go in the form body. Refresh tokens exist only for approved partner
 * apps, live 365 days from the first consent and are not rotated: toTokenSet keeps the one
 * we have when the answer repeats none.
 */
function oauthEndpoint(ctx: PluginContext, path: 'accessToken' | 'revoke'): OAuthEndpoint {
  return { http: oauthHttp(ctx), url: path, clientAuth: 'body' }
}

/** LinkedIn 3-legged OAuth 2.0 (no PKCE for confidential web apps), then a picker: the member and each Page they administer. */
export const linkedinAuth: OAuth2Auth = {
  kind: 'oauth2',
  pkce: false,
  scopes: DEFAULT_SCOPES,
  picker: true,

  authorizationUrl(ctx, { state, redirectUri }) {
    return authorizationUrl(
      `${linkedinUrls(ctx.settings).oauth.replace(/\/$/, '')}/authorization`,
      {
        response_type: 'code',
        client_id: ctx.settings.clientId ?? '',
        redirect_uri: redirectUri,
        state,
        scope: scopesOf(ctx).join(' '),
      }
    )
  },

  async exchangeCode(ctx, { code, redirectUri }) {
    const token = await exchangeCodeForTokens(ctx, oauthEndpoint(ctx, 'accessToken'), {
      code,
      redirectUri,
    })
    if (token.status !== 'ok') return token
    const tokenSet = token.value
    const http = apiHttp(ctx)
    const member = await fetchMember(http, tokenSet.accessToken)
    if (member.status !== 'ok') return member
    const organizations = await fetchAdministeredOrganizations(
      http,
      ctx.settings,
      tokenSet.accessToken
    )
    if (organizations.status !== 'ok') return organizations
    // One token acts for the member and every Page: each connection carries a copy, and one grant key.
    const grant = `linkedin:${member.value.externalId}`
    return ok(
      [member.value, ...organizations.value].map((profile) => ({
        profile: { ...profile, grant },
        token: { ...tokenSet },
      }))
    )
  },

  /** A 400 (invalid_grant) means the 365-day refresh token is spent or revoked. */
  refresh(ctx: AccountContext) {
    return refreshTokens(
      ctx,
      oauthEndpoint(ctx, 'accessToken'),
      'no refresh token (not a Marketing Developer Platform app): reconnect every 60 days'
    )
  },

  revoke(ctx: AccountContext) {
    return revokeTokens(ctx, oauthEndpoint(ctx, 'revoke'), [{ token: ctx.token.accessToken }])
  },
}

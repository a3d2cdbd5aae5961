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
  type Result,
  type TokenEndpoint,
  type TokenSet,
} from '#sdk'
import { apiHttp, googleBusinessUrls } from './urls.js'

const SCOPES = ['https://www.googleapis.com/auth/business.manage']

interface Account {
  name: string
  accountName: string
  type: string
}
interface Location {
  name: string
  title: string
  metadata?: { mapsUri?: string; newReviewUri?: string }
}

/** Google takes the client's credentials in the form body; a refresh token comes with consent. */
function tokenEndpoint(ctx: PluginContext): TokenEndpoint {
  return {
    http: ctx.http,
    url: googleBusinessUrls(ctx.settings).token,
    clientAuth: 'body',
    defaultScopes: SCOPES,
  }
}

/** One Google sign-in: its locations share the grant (a hash of the refresh token, not reversible). */
const grantKeyOf = (token: TokenSet) =>
  `google:${createHash('sha256')
    .update(token.refreshToken ?? token.accessToken)
    .digest('base64url')
    .slice(0, 22)}`

/** Every location of every business account the user manages, one connectable account each. */
async function locationsOf(ctx: PluginContext, token: TokenSet): Promise<Result<AccountProfile[]>> {
  const accounts = await apiHttp(ctx, 'accounts').send<{ accounts?: Account[] }>({
    url: '/v1/accounts',
    query: { pageSize: '20' },
    bearer: token.accessToken,
  })
  if (accounts.status !== 'ok') return accounts
  const profiles: AccountProfile[] = []
  for (const account of accounts.value.body.accounts ?? []) {
    const listed = await apiHttp(ctx, 'locations').send<{ locations?: Location[] }>({
      url: `/v1/${account.name}/locations`,
      query: { readMask: 'name,title,metadata', pageSize: '100' },
      bearer: token.accessToken,
    })
    if (listed.status !== 'ok') return listed
    for (const location of listed.value.body.locations ?? []) {
      profiles.push({
        externalId: location.name,
        handle: location.title,
        displayName: location.title,
        avatarUrl: null,
        profileUrl: location.metadata?.mapsUri ?? null,
        meta: { accountName: account.name, businessAccount: account.accountName },
        grant: grantKeyOf(token),
      })
    }
  }
  return ok(profiles)
}

/**
 * Google OAuth 2.0 with PKCE, offline access (access tokens last an hour). One sign-in may
 * manage many locations across business accounts: the app asks which to connect.
 */
export const googleBusinessAuth: OAuth2Auth = {
  kind: 'oauth2',
  pkce: true,
  scopes: SCOPES,
  picker: true,

  authorizationUrl(ctx, { state, redirectUri, codeChallenge }) {
    return authorizationUrl(googleBusinessUrls(ctx.settings).authorize, {
      client_id: ctx.settings.clientId ?? '',
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: SCOPES.join(' '),
      access_type: 'offline',
      prompt: 'consent',
      state,
      ...pkceParams(codeChallenge),
    })
  },

  async exchangeCode(ctx, input) {
    const token = await exchangeCodeForTokens(ctx, tokenEndpoint(ctx), input)
    if (token.status !== 'ok') return token
    const locations = await locationsOf(ctx, token.value)
    if (locations.status !== 'ok') return locations
    if (!locations.value.length)
      return failed('this Google account manages no business location', false, 'no_location')
    return ok(locations.value.map((profile) => ({ profile, token: token.value })))
  },

  refresh(ctx) {
    return refreshTokens(ctx, tokenEndpoint(ctx), 'no refresh token: reconnect the account')
  },

  /** Revoking the refresh token ends the whole grant (the app does so for the last location). */
  revoke(ctx) {
    const token = ctx.token.refreshToken ?? ctx.token.accessToken
    return revokeTokens(
      ctx,
      { http: ctx.http, url: googleBusinessUrls(ctx.settings).revoke, clientAuth: 'none' },
      [{ token }]
    )
  },
}

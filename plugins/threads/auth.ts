import {
  expiresAtFrom,
  failed,
  ok,
  unauthorized,
  type AccountContext,
  type OAuth2Auth,
  type PluginContext,
  type Result,
  type TokenSet,
} from '#sdk'
import { graph, threadsUrls } from './api.js'

export const THREADS_SCOPES = [
  'threads_basic',
  'threads_content_publish',
  'threads_manage_insights',
]

interface TokenResponse {
  access_token: string
  user_id?: number | string
  expires_in?: number
}

const tokenSetOf = (body: TokenResponse): TokenSet => ({
  accessToken: body.access_token,
  refreshToken: null,
  expiresAt: expiresAtFrom(body.expires_in),
  scopes: THREADS_SCOPES,
})

/** A refused grant at the token endpoints (400) means the user must log in again. */
function asUnauthorized<T>(result: Result<T>): Result<T> {
  return result.status === 'error' && result.httpStatus === 400
    ? unauthorized(result.reason)
    : result
}

/**
 * Threads' own OAuth (threads/FLOW.md "Tokens"): code → short-lived token (1 h) → long-lived
 * token (60 days, `th_exchange_token`). There is no refresh token: the long-lived token itself is
 * refreshed (`th_refresh_token`) while it is at least 24 h old and not yet expired, so the app must
 * refresh well before `expiresAt`; once expired, only a new login helps.
 */
export const threadsAuth: OAuth2Auth = {
  kind: 'oauth2',
  pkce: false,
  scopes: THREADS_SCOPES,
  picker: false,

  authorizationUrl(ctx, { state, redirectUri }) {
    const url = new URL(threadsUrls(ctx.settings).authorize)
    url.search = new URLSearchParams({
      client_id: ctx.settings.clientId ?? '',
      redirect_uri: redirectUri,
      scope: THREADS_SCOPES.join(','),
      response_type: 'code',
      state,
    }).toString()
    return url.toString()
  },

  async exchangeCode(ctx, { code, redirectUri }) {
    const { clientId = '', clientSecret = '' } = ctx.settings
    const short = asUnauthorized(
      await graph(ctx, false).send<TokenResponse>({
        method: 'POST',
        url: 'oauth/access_token',
        form: {
          client_id: clientId,
          client_secret: clientSecret,
          grant_type: 'authorization_code',
          redirect_uri: redirectUri,
          code,
        },
      })
    )
    if (short.status !== 'ok') return short
    const long = asUnauthorized(
      await graph(ctx, false).send<TokenResponse>({
        url: 'access_token',
        query: {
          grant_type: 'th_exchange_token',
          client_secret: clientSecret,
          access_token: short.value.body.access_token,
        },
      })
    )
    if (long.status !== 'ok') return long
    const token = tokenSetOf(long.value.body)
    const profile = await fetchProfile(ctx, token.accessToken)
    if (profile.status !== 'ok') return profile
    return ok([{ profile: profile.value, token }])
  },

  async refresh(ctx: AccountContext) {
    // An expired or revoked token answers 190 (→ unauthorized: log in again); other refusals stay errors.
    const refreshed = await graph(ctx, false).send<TokenResponse>({
      url: 'refresh_access_token',
      query: { grant_type: 'th_refresh_token', access_token: ctx.token.accessToken },
    })
    return refreshed.status === 'ok' ? ok(tokenSetOf(refreshed.value.body)) : refreshed
  },

  /** No revocation endpoint is documented (capabilities.revocable is false); the user removes the app in Threads. */
  async revoke(): Promise<Result<void>> {
    return failed(
      'Threads has no token revocation endpoint: remove the app under Settings → Account → Website permissions',
      false,
      'not_supported'
    )
  },
}

interface ThreadsMe {
  id: string
  username: string
  name?: string
  threads_profile_picture_url?: string
}

async function fetchProfile(ctx: PluginContext, token: string) {
  const me = await graph(ctx).send<ThreadsMe>({
    url: 'me',
    query: { fields: 'id,username,name,threads_profile_picture_url' },
    token,
  })
  if (me.status !== 'ok') return me
  const web = threadsUrls(ctx.settings).web.replace(/\/$/, '')
  const { id, username, name, threads_profile_picture_url: avatar } = me.value.body
  return ok({
    externalId: id,
    handle: `@${username}`,
    displayName: name || username,
    avatarUrl: avatar ?? null,
    profileUrl: `${web}/@${username}`,
    meta: { username },
  })
}

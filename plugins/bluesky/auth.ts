import {
  failed,
  ok,
  unauthorized,
  type AccountContext,
  type CredentialsAuth,
  type Failure,
  type HttpClient,
  type Result,
  type TokenSet,
} from '#sdk'
import { fetchProfile, pdsFromSession, type Session } from './profile.js'
import { DEFAULT_SERVICE, jwtExpiry, pdsHttp } from './xrpc.js'

function tokensOf(session: Session): TokenSet {
  return {
    accessToken: session.accessJwt,
    refreshToken: session.refreshJwt,
    expiresAt: jwtExpiry(session.accessJwt),
  }
}

/** Why createSession failed, in the words the app shows: the server said no, or it was never reached. */
function loginFailure(created: Failure) {
  const refused =
    created.status === 'unauthorized' ||
    created.status === 'rate_limited' ||
    (created.status === 'error' &&
      (created.httpStatus ?? 0) >= 400 &&
      (created.httpStatus ?? 0) < 500)
  return refused
    ? failed(`login refused: ${created.reason}`, false, 'login_refused')
    : failed(
        `server unreachable: ${created.reason}`,
        created.status !== 'error' || created.retryable,
        'server_unreachable'
      )
}

/** Closes a session nobody will use (the connect failed after createSession); best effort. */
async function closeSession(http: HttpClient, session: Session) {
  const deleted = await http.send({
    method: 'POST',
    url: '/xrpc/com.atproto.server.deleteSession',
    bearer: session.refreshJwt,
  })
  return deleted.status === 'ok'
}

/**
 * Bluesky app passwords: createSession gives an access JWT (short-lived) and a refresh
 * JWT. The app password itself is NOT kept after connecting: refreshSession renews the
 * session with the refresh JWT alone, and a lapsed session means asking the user again,
 * which is safer than storing a password that can do everything the account can.
 */
export const blueskyAuth: CredentialsAuth = {
  kind: 'credentials',
  picker: false,
  fields: [
    { name: 'service', type: 'url', label: 'Service URL', default: DEFAULT_SERVICE, secret: false },
    { name: 'handle', type: 'text', label: 'Handle', secret: false },
    { name: 'appPassword', type: 'password', label: 'App password', secret: true },
  ],

  async connect(ctx, values) {
    // An empty field means the operator's entryway (BLUESKY_SERVICE_URL), else bsky.social.
    const serviceUrl = (values.service || ctx.settings.urls.service || DEFAULT_SERVICE)
      .trim()
      .replace(/\/+$/, '')
    const identifier = (values.handle ?? '').trim().replace(/^@/, '')
    if (!/^https?:\/\//.test(serviceUrl))
      return failed('the service URL must start with http(s)://', false, 'invalid_service')
    if (!identifier || !values.appPassword)
      return failed('a handle and an app password are required', false, 'missing_credentials')

    // The service URL is the user's choice and the PDS comes from the server's answer: unless
    // configured, both go through the SDK's outbound address policy (public addresses only).
    const http = ctx.http.withBaseUrl(serviceUrl)
    const created = await http.send<Session>({
      method: 'POST',
      url: '/xrpc/com.atproto.server.createSession',
      json: { identifier, password: values.appPassword },
    })
    if (created.status !== 'ok') return loginFailure(created)
    const session = created.value.body
    const pdsUrl = pdsFromSession(session, serviceUrl)
    const profile = await fetchProfile(ctx.http.withBaseUrl(pdsUrl), ctx.settings, session, pdsUrl)
    if (profile.status !== 'ok') {
      // Nothing is saved, so nothing would ever use or revoke this session: end it now.
      const closed = await closeSession(http, session)
      return failed(
        `profile lookup failed: ${profile.reason}${closed ? '' : ' (and the session could not be closed)'}`,
        profile.status !== 'error' || profile.retryable,
        'profile_lookup_failed'
      )
    }
    return ok([{ profile: profile.value, token: tokensOf(session) }])
  },

  async refresh(ctx: AccountContext): Promise<Result<TokenSet>> {
    if (!ctx.token.refreshToken) return unauthorized('no refresh token: reconnect the account')
    const refreshed = await pdsHttp(ctx).send<Session>({
      method: 'POST',
      url: '/xrpc/com.atproto.server.refreshSession',
      bearer: ctx.token.refreshToken,
    })
    // refreshSession takes no input: a 400 is ExpiredToken / InvalidToken (revoked or expired refresh JWT).
    if (refreshed.status === 'error' && refreshed.code === 'http_400')
      return unauthorized(refreshed.reason)
    if (refreshed.status !== 'ok') return refreshed
    return ok(tokensOf(refreshed.value.body))
  },

  async revoke(ctx: AccountContext): Promise<Result<void>> {
    if (!ctx.token.refreshToken) return ok(undefined)
    const deleted = await pdsHttp(ctx).send({
      method: 'POST',
      url: '/xrpc/com.atproto.server.deleteSession',
      bearer: ctx.token.refreshToken,
    })
    // A session the PDS no longer knows (expired or already revoked) is as revoked as it gets.
    if (
      deleted.status === 'unauthorized' ||
      (deleted.status === 'error' && deleted.code === 'http_400')
    )
      return ok(undefined)
    return deleted.status === 'ok' ? ok(undefined) : deleted
  },
}

import {
  unauthorized,
  type AccountContext,
  type AccountProfile,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
  type PluginSettings,
  type Result,
} from '#sdk'

export const DEFAULT_SERVICE = 'https://bsky.social'
/** The public network's web viewer. */
export const DEFAULT_WEB = 'https://bsky.app'

/**
 * Where people read posts and profiles: the operator's viewer (`urls.web`) for a network of
 * their own, whose PDS and AppView bsky.app does not know; bsky.app for the public network.
 */
export function webBase(settings: PluginSettings) {
  return (settings.urls.web || DEFAULT_WEB).replace(/\/+$/, '')
}

/**
 * app.bsky.* reads go to the account's PDS, which forwards them to an AppView: its own by
 * default, or the one the operator names (`appview`, a service reference such as
 * `did:web:appview.example#bsky_appview`) through the `atproto-proxy` header.
 */
export function appviewHeaders(settings: PluginSettings): Record<string, string> {
  const appview = typeof settings.appview === 'string' ? settings.appview.trim() : ''
  return appview ? { 'atproto-proxy': appview } : {}
}

/** The account's PDS, where every call goes (it proxies app.bsky.* reads to the AppView). */
export function pdsUrl(account: AccountProfile) {
  return String(account.meta?.pdsUrl ?? DEFAULT_SERVICE)
}

export function pdsHttp(ctx: AccountContext) {
  return ctx.http.withBaseUrl(pdsUrl(ctx.account))
}

/** Epoch milliseconds of a JWT's `exp` claim, read without verifying the signature. */
export function jwtExpiry(jwt: string): number | null {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'))
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null
  } catch {
    return null
  }
}

/**
 * An XRPC call made with the access token. The PDS answers an expired token with
 * 400 ExpiredToken (and a wrongly scoped one with 400 InvalidToken), which the shared
 * HttpClient reports as a plain 400 without the XRPC error name. So after a 400 we ask
 * the PDS whether the session still holds (getSession takes no input, so a 400 there can
 * only be about the token) and answer `unauthorized` when it does not.
 */
export async function authedCall<T>(
  http: HttpClient,
  accessToken: string,
  request: HttpRequest
): Promise<Result<HttpResponse<T>>> {
  const response = await http.send<T>({ ...request, bearer: accessToken })
  if (response.status !== 'error' || response.code !== 'http_400') return response
  return (await sessionRejected(http, accessToken))
    ? unauthorized(`${response.reason} (the session is no longer valid)`)
    : response
}

export async function sessionRejected(http: HttpClient, accessToken: string) {
  const session = await http.send({
    url: '/xrpc/com.atproto.server.getSession',
    bearer: accessToken,
  })
  return (
    session.status === 'unauthorized' || (session.status === 'error' && session.code === 'http_400')
  )
}

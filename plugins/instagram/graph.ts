import { createHmac } from 'node:crypto'
import { failed, rateLimited, unauthorized, type HttpClient, type HttpRequest, type PluginSettings, type Result } from '#sdk'

/**
 * Instagram API with Facebook Login: the Graph host is Facebook's (not graph.instagram.com, which
 * serves the Instagram Login variant). Config (or a test's fake) may point any of them elsewhere.
 */
export const IG_DEFAULT_URLS = {
  graph: 'https://graph.facebook.com',
  /** The Facebook Login dialog's host. */
  dialog: 'https://www.facebook.com',
  web: 'https://www.instagram.com',
}

/** Meta's docs show v24.0–v27.0 live at once; pin one explicitly and move it on purpose. */
export const IG_DEFAULT_API_VERSION = 'v25.0'

export function igUrls(settings: PluginSettings) {
  return { ...IG_DEFAULT_URLS, ...settings.urls }
}

export function apiVersion(settings: PluginSettings) {
  return String(settings.apiVersion ?? IG_DEFAULT_API_VERSION)
}

type Ctx = { settings: PluginSettings; http: HttpClient }

/** A client on `{graph}/{version}/`, signing every call with `appsecret_proof`. */
export function graph(ctx: Ctx, host: 'graph' = 'graph') {
  const base = `${igUrls(ctx.settings)[host].replace(/\/$/, '')}/${apiVersion(ctx.settings)}/`
  const http = ctx.http.withBaseUrl(base)
  const secret = ctx.settings.clientSecret
  return {
    /** Sends as `token`; Meta then maps the Graph error body to a result (see mapGraphError). */
    async send<T = any>(request: HttpRequest & { token?: string }) {
      const { token, ...rest } = request
      const proof = token && secret ? { appsecret_proof: createHmac('sha256', secret).update(token).digest('hex') } : {}
      return mapGraphError(await http.send<T>({ ...rest, ...(token ? { bearer: token } : {}), query: { ...rest.query, ...proof } }))
    },
  }
}

/**
 * Graph answers most errors with HTTP 400 and `{error: {message, type, code}}`; the SDK keeps
 * only the message (in `reason`), so the code is read from it. Meta prefixes messages with
 * "(#code)" except for OAuthException 190 (invalid or expired token), spotted by its wording.
 * - 190 and permission errors (#10, #200–#299): reconnecting fixes them → unauthorized;
 * - 4, 17, 32, 613 and the 800xx business-use-case throttles → rate_limited. The
 *   X-Business-Use-Case-Usage header that says when access returns is not kept by the SDK,
 *   so the wait is a fixed five minutes.
 */
export function mapGraphError<T>(result: Result<T>): Result<T> {
  if (result.status !== 'error' || result.retryable) return result
  const reason = result.reason
  if (/\(#(4|17|32|613|80001|80002|80004|80005|80006|80008|80014)\)|request limit reached|too many calls/i.test(reason)) {
    return rateLimited(RATE_LIMIT_WAIT_SECONDS, reason)
  }
  if (/\(#190\)|error validating access token|invalid oauth access token|session has been invalidated|\(#(10|2\d\d)\)/i.test(reason)) {
    return unauthorized(reason)
  }
  if (/\(#(1|2)\)|temporarily unavailable|unexpected error/i.test(reason)) return failed(reason, true, result.code, result)
  return result
}

export const RATE_LIMIT_WAIT_SECONDS = 300

import { failed, rateLimited, unauthorized, type HttpClient, type HttpRequest, type PluginSettings, type Result } from '#sdk'

/** Where Threads lives (threads/FLOW.md); config (or a test's fake) may point any of them elsewhere. */
export const THREADS_DEFAULT_URLS = {
  /** Graph host of Threads; also serves the unversioned token endpoints. */
  graph: 'https://graph.threads.net',
  authorize: 'https://threads.net/oauth/authorize',
  web: 'https://www.threads.net',
}

/** Threads has one version so far. */
export const THREADS_DEFAULT_API_VERSION = 'v1.0'

export function threadsUrls(settings: PluginSettings) {
  return { ...THREADS_DEFAULT_URLS, ...settings.urls }
}

export function apiVersion(settings: PluginSettings) {
  return String(settings.apiVersion ?? THREADS_DEFAULT_API_VERSION)
}

type Ctx = { settings: PluginSettings; http: HttpClient }

/** A client on `{graph}/{version}/`, or on the bare host for the token endpoints. */
export function graph(ctx: Ctx, versioned = true) {
  const root = threadsUrls(ctx.settings).graph.replace(/\/$/, '')
  const base = versioned ? `${root}/${apiVersion(ctx.settings)}/` : `${root}/`
  const http = ctx.http.withBaseUrl(base)
  return {
    /**
     * Sends with `token` as a Bearer header (Graph accepts it; Threads' examples put
     * access_token in the query, which proxies log), then maps Graph-style errors.
     */
    async send<T = any>(request: HttpRequest & { token?: string }) {
      const { token, ...rest } = request
      return mapGraphError(await http.send<T>({ ...rest, ...(token ? { bearer: token } : {}) }))
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

import type { HttpClient, PluginSettings } from '#sdk'

/** Where Reddit lives; config (or a test's fake) may point any of them elsewhere. */
export const REDDIT_DEFAULT_URLS = {
  /** OAuth endpoints (authorize, access_token, revoke_token). */
  auth: 'https://www.reddit.com',
  /** The authenticated API. */
  api: 'https://oauth.reddit.com',
  web: 'https://www.reddit.com',
}

/** Reddit blocks generic clients: it asks for "platform:appid:version (by /u/name)". Operators should set their own. */
export const DEFAULT_USER_AGENT = 'web:pistache-postiz:0.1.0 (self-hosted social media scheduler)'

/** Values Reddit does not confirm (provider-specs "(u)"): config may override each under settings.limits. */
export const REDDIT_DEFAULT_LIMITS = {
  galleryMaxItems: 20,
  imageMaxBytes: 20 * 1024 * 1024,
  videoMaxBytes: 1024 ** 3,
  videoMaxSeconds: 900,
  /** Seconds between checks while Reddit processes an image or video post. */
  mediaCheckAfterSeconds: 5,
  /** After this long without the media post appearing, give up and report processing failed. */
  mediaWaitSeconds: 15 * 60,
}

export type RedditLimits = typeof REDDIT_DEFAULT_LIMITS

export function redditUrls(settings: PluginSettings) {
  return { ...REDDIT_DEFAULT_URLS, ...settings.urls }
}

export function limitsOf(settings: PluginSettings): RedditLimits {
  const overrides = (settings.limits ?? {}) as Partial<Record<keyof RedditLimits, unknown>>
  const limits = { ...REDDIT_DEFAULT_LIMITS }
  for (const key of Object.keys(limits) as (keyof RedditLimits)[]) {
    const value = Number(overrides[key])
    if (overrides[key] !== undefined && Number.isFinite(value) && value >= 0) limits[key] = value
  }
  return limits
}

export function userAgentOf(settings: PluginSettings) {
  return typeof settings.userAgent === 'string' && settings.userAgent.trim()
    ? settings.userAgent.trim()
    : DEFAULT_USER_AGENT
}

/** HTTP against one of Reddit's hosts, always with the descriptive User-Agent. */
export function redditHttp(
  ctx: { settings: PluginSettings; http: HttpClient },
  base: 'api' | 'auth' = 'api'
) {
  const http = ctx.http.withBaseUrl(redditUrls(ctx.settings)[base])
  const userAgent = userAgentOf(ctx.settings)
  return {
    send: <T = any>(request: Parameters<HttpClient['send']>[0]) =>
      http.send<T>({ ...request, headers: { 'user-agent': userAgent, ...request.headers } }),
  }
}

export type RedditHttp = ReturnType<typeof redditHttp>

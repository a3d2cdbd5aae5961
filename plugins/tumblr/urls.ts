import type { AccountContext, HttpClient, PluginSettings } from '#sdk'

/** Where Tumblr lives (fake/spec/api.subset.md); config (or a test's fake) may point them elsewhere. */
export const TUMBLR_DEFAULT_URLS = {
  api: 'https://api.tumblr.com',
  authorize: 'https://www.tumblr.com/oauth2/authorize',
}

export function tumblrUrls(settings: PluginSettings) {
  return { ...TUMBLR_DEFAULT_URLS, ...settings.urls }
}

/** The HTTP client pointed at the API (`https://api.tumblr.com/v2/…`). */
export function apiHttp(ctx: { settings: PluginSettings; http: HttpClient }) {
  return ctx.http.withBaseUrl(tumblrUrls(ctx.settings).api)
}

/** The HTTP client for calls made on behalf of one account. */
export function accountHttp(ctx: AccountContext): HttpClient {
  return apiHttp(ctx)
}

/** The path of a blog's route; the blog's uuid is its stable identifier. */
export function blogPath(ctx: AccountContext, route: string) {
  const blog = String(ctx.account.meta?.blogUuid ?? ctx.account.externalId)
  return `/v2/blog/${encodeURIComponent(blog)}/${route}`
}

import type { AccountProfile, HttpClient, PluginSettings } from '#sdk'

/** Where X lives; config (or a test's fake) may point any of them elsewhere. */
export const X_DEFAULT_URLS = {
  api: 'https://api.x.com',
  authorize: 'https://x.com/i/oauth2/authorize',
  web: 'https://x.com',
}

export function xUrls(settings: PluginSettings) {
  return { ...X_DEFAULT_URLS, ...settings.urls }
}

/** The HTTP client pointed at the API base URL. */
export function apiHttp(ctx: { settings: PluginSettings; http: HttpClient }) {
  return ctx.http.withBaseUrl(xUrls(ctx.settings).api)
}

/** The bare username (`pistache`) of an account whose handle is `@pistache`. */
export function usernameOf(account: AccountProfile) {
  return String(account.meta?.username ?? account.handle).replace(/^@/, '')
}

export function postUrl(settings: PluginSettings, account: AccountProfile, id: string) {
  return `${xUrls(settings).web.replace(/\/$/, '')}/${encodeURIComponent(usernameOf(account))}/status/${id}`
}

import type { AccountContext, HttpClient, PluginSettings } from '#sdk'

/**
 * Google Business Profile spans several Google APIs (fake/spec/SOURCE.md): sign-in, accounts
 * (Account Management v1), locations (Business Information v1) and local posts (My Business
 * v4). Config (or a test's fake) may point any of them elsewhere.
 */
export const GOOGLE_BUSINESS_DEFAULT_URLS = {
  authorize: 'https://accounts.google.com/o/oauth2/v2/auth',
  token: 'https://oauth2.googleapis.com/token',
  revoke: 'https://oauth2.googleapis.com/revoke',
  accounts: 'https://mybusinessaccountmanagement.googleapis.com',
  locations: 'https://mybusinessbusinessinformation.googleapis.com',
  posts: 'https://mybusiness.googleapis.com',
}

export function googleBusinessUrls(settings: PluginSettings) {
  return { ...GOOGLE_BUSINESS_DEFAULT_URLS, ...settings.urls }
}

type Api = 'accounts' | 'locations' | 'posts'

/** The HTTP client of one of the APIs. */
export function apiHttp(ctx: { settings: PluginSettings; http: HttpClient }, api: Api) {
  return ctx.http.withBaseUrl(googleBusinessUrls(ctx.settings)[api])
}

/** The local posts of the connected location: `v4/accounts/{a}/locations/{l}/localPosts`. */
export function localPostsPath(ctx: AccountContext) {
  return `/v4/${String(ctx.account.meta?.accountName)}/${ctx.account.externalId}/localPosts`
}

import type { HttpClient, PluginSettings } from '#sdk'

/** Where LinkedIn lives; config (or a test's fake) may point any of them elsewhere. */
export const LINKEDIN_DEFAULT_URLS = {
  api: 'https://api.linkedin.com',
  oauth: 'https://www.linkedin.com/oauth/v2',
  web: 'https://www.linkedin.com',
}

/**
 * LinkedIn versions its REST API monthly (`YYYYMM`) and sunsets each version after about a
 * year, so the version is a setting (`apiVersion`) that deployments bump without a release.
 */
export const DEFAULT_API_VERSION = '202610'

export function linkedinUrls(settings: PluginSettings) {
  return { ...LINKEDIN_DEFAULT_URLS, ...settings.urls }
}

export function apiHttp(ctx: { settings: PluginSettings; http: HttpClient }) {
  return ctx.http.withBaseUrl(linkedinUrls(ctx.settings).api)
}

export function oauthHttp(ctx: { settings: PluginSettings; http: HttpClient }) {
  return ctx.http.withBaseUrl(linkedinUrls(ctx.settings).oauth)
}

/** Headers every /rest call needs. */
export function restHeaders(settings: PluginSettings): Record<string, string> {
  return {
    'LinkedIn-Version': String(settings.apiVersion ?? DEFAULT_API_VERSION),
    'X-Restli-Protocol-Version': '2.0.0',
  }
}

/** A URN as a Rest.li 2.0 path key or list item: percent-encoded (`urn%3Ali%3Ashare%3A1`). */
export const encodeUrn = (urn: string) => encodeURIComponent(urn)

export function postUrl(settings: PluginSettings, urn: string) {
  return `${linkedinUrls(settings).web.replace(/\/$/, '')}/feed/update/${urn}/`
}

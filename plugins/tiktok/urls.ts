import type { HttpClient, PluginSettings } from '#sdk'

/** Where TikTok lives; config (or a test's fake) may point any of them elsewhere. */
export const TIKTOK_DEFAULT_URLS = {
  api: 'https://open.tiktokapis.com',
  authorize: 'https://www.tiktok.com/v2/auth/authorize/',
  web: 'https://www.tiktok.com',
}

export function tiktokUrls(settings: PluginSettings) {
  return { ...TIKTOK_DEFAULT_URLS, ...settings.urls }
}

export function apiHttp(ctx: { settings: PluginSettings; http: HttpClient }) {
  return ctx.http.withBaseUrl(tiktokUrls(ctx.settings).api)
}

export function videoUrl(settings: PluginSettings, username: string | undefined, id: string) {
  const web = tiktokUrls(settings).web.replace(/\/$/, '')
  return username ? `${web}/@${encodeURIComponent(username)}/video/${id}` : `${web}/video/${id}`
}

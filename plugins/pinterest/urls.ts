import type { HttpClient, PluginSettings } from '#sdk'

/**
 * Where Pinterest lives; config (or a test's fake) may point any of them elsewhere. The API
 * version is part of the API base URL (`…/v5`), so a future version is a config change.
 */
export const PINTEREST_DEFAULT_URLS = {
  api: 'https://api.pinterest.com/v5',
  authorize: 'https://www.pinterest.com/oauth/',
  web: 'https://www.pinterest.com',
}

export function pinterestUrls(settings: PluginSettings) {
  return { ...PINTEREST_DEFAULT_URLS, ...settings.urls }
}

export function apiHttp(ctx: { settings: PluginSettings; http: HttpClient }) {
  return ctx.http.withBaseUrl(pinterestUrls(ctx.settings).api)
}

export function pinUrl(settings: PluginSettings, id: string) {
  return `${pinterestUrls(settings).web.replace(/\/$/, '')}/pin/${id}/`
}

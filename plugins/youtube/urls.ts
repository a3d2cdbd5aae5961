import type { HttpClient, PluginSettings } from '#sdk'

/**
 * Where Google and YouTube live; config (or a test's fake) may point any of them elsewhere.
 * The Data API version is part of the `api` and `upload` URLs (`…/youtube/v3`).
 */
export const YOUTUBE_DEFAULT_URLS = {
  authorize: 'https://accounts.google.com/o/oauth2/v2/auth',
  token: 'https://oauth2.googleapis.com/token',
  revoke: 'https://oauth2.googleapis.com/revoke',
  api: 'https://www.googleapis.com/youtube/v3',
  upload: 'https://www.googleapis.com/upload/youtube/v3',
  web: 'https://www.youtube.com',
}

export function youtubeUrls(settings: PluginSettings) {
  return { ...YOUTUBE_DEFAULT_URLS, ...settings.urls }
}

export function apiHttp(ctx: { settings: PluginSettings; http: HttpClient }) {
  return ctx.http.withBaseUrl(youtubeUrls(ctx.settings).api)
}

export function videoUrl(settings: PluginSettings, id: string) {
  return `${youtubeUrls(settings).web.replace(/\/$/, '')}/watch?v=${encodeURIComponent(id)}`
}

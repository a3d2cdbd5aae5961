import type { AccountContext, HttpClient, PluginSettings } from '#sdk'

/** Where the Bot API lives; config (or a test's fake) may point it elsewhere (a local Bot API server). */
export const TELEGRAM_DEFAULT_URLS = {
  api: 'https://api.telegram.org',
}

export function telegramUrls(settings: PluginSettings) {
  return { ...TELEGRAM_DEFAULT_URLS, ...settings.urls }
}

/** The HTTP client pointed at the Bot API. */
export function apiHttp(ctx: { settings: PluginSettings; http: HttpClient }) {
  return ctx.http.withBaseUrl(telegramUrls(ctx.settings).api)
}

/**
 * The path of one Bot API method: the bot's token is part of the path
 * (`/bot<token>/sendMessage`). The SDK's HTTP client keeps such segments out of failure reasons.
 */
export const method = (token: string, name: string) => `/bot${token}/${name}`

/** The client and the token for calls made on behalf of one connected chat. */
export function accountHttp(ctx: AccountContext): HttpClient {
  return apiHttp(ctx)
}

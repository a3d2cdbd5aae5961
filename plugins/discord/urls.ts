import type { AccountContext, HttpClient, PluginSettings } from '#sdk'

/** Where Discord's API lives (versioned); config (or a test's fake) may point it elsewhere. */
export const DISCORD_DEFAULT_URLS = {
  api: 'https://discord.com/api/v10',
}

export function discordUrls(settings: PluginSettings) {
  return { ...DISCORD_DEFAULT_URLS, ...settings.urls }
}

/** The HTTP client pointed at the API base URL (never at a host the user typed). */
export function apiHttp(ctx: { settings: PluginSettings; http: HttpClient }) {
  return ctx.http.withBaseUrl(discordUrls(ctx.settings).api)
}

/** A webhook's id and secret token, read from the URL the user pasted. */
export interface WebhookRef {
  id: string
  token: string
}

/**
 * `https://discord.com/api/webhooks/<id>/<token>` (or discordapp.com, ptb., canary., a
 * versioned path) → its id and token. Only the two parts are kept: every call goes to the
 * configured API host, so a pasted URL can never point the server at another host.
 */
export function webhookOf(input: string): WebhookRef | null {
  const match = /\/webhooks\/(\d{5,25})\/([\w-]{20,100})\/?$/.exec(input.trim().split(/[?#]/)[0])
  return match ? { id: match[1], token: match[2] } : null
}

/** The stored credential is the webhook's `<id>/<token>` path. */
export function webhookPath(ctx: AccountContext) {
  return `/webhooks/${ctx.token.accessToken}`
}

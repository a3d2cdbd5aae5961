import type { AccountContext, HttpClient, PluginSettings } from '#sdk'

/** Where Slack lives; config (or a test's fake) may point any of them elsewhere. */
export const SLACK_DEFAULT_URLS = {
  api: 'https://slack.com/api',
  authorize: 'https://slack.com/oauth/v2/authorize',
}

export function slackUrls(settings: PluginSettings) {
  return { ...SLACK_DEFAULT_URLS, ...settings.urls }
}

/** The HTTP client pointed at the Web API (`https://slack.com/api/<method>`). */
export function apiHttp(ctx: { settings: PluginSettings; http: HttpClient }) {
  return ctx.http.withBaseUrl(slackUrls(ctx.settings).api)
}

/** The HTTP client for calls made on behalf of one account. */
export function accountHttp(ctx: AccountContext): HttpClient {
  return apiHttp(ctx)
}

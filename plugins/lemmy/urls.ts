import type { AccountContext, HttpClient, PluginSettings } from '#sdk'

/**
 * Lemmy has no central server: each account lives on the instance its user named when
 * connecting (kept in the account's meta). `instance` is only what the connect form proposes.
 */
export const LEMMY_DEFAULT_URLS = {
  instance: 'https://lemmy.world',
}

export function lemmyUrls(settings: PluginSettings) {
  return { ...LEMMY_DEFAULT_URLS, ...settings.urls }
}

/** `lemmy.ml`, `https://lemmy.ml/` or `https://lemmy.ml/c/x` as the instance's origin. */
export function instanceOrigin(input: string) {
  const value = input.trim()
  try {
    const url = new URL(/^https?:\/\//.test(value) ? value : `https://${value}`)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null
  } catch {
    return null
  }
}

/** The client of one instance's API (`<instance>/api/v3`), through the outbound policy. */
export function instanceHttp(ctx: { http: HttpClient }, origin: string) {
  return ctx.http.withBaseUrl(`${origin}/api/v3`)
}

/** The instance an account lives on. */
export function accountOrigin(ctx: AccountContext) {
  return String(ctx.account.meta?.instance ?? '')
}

/** The HTTP client for calls made on behalf of one account. */
export function accountHttp(ctx: AccountContext): HttpClient {
  return instanceHttp(ctx, accountOrigin(ctx))
}

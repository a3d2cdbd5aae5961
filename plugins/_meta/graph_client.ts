import { createHmac } from 'node:crypto'
import type { HttpClient, HttpRequest, HttpResponse, PluginSettings, Result } from '#sdk'
import { mapGraphError } from './graph_errors.js'

/** What a Graph call needs from a plugin or account context. */
export type GraphContext = { settings: PluginSettings; http: HttpClient }

/** A request as the Meta plugins write it: `token` is the access token to send it with. */
export type GraphRequest = HttpRequest & { token?: string }

export interface GraphClient {
  send<T = any>(request: GraphRequest): Promise<Result<HttpResponse<T>>>
}

/** A plugin's default hosts with the ones config (or a test's fake) overrides. */
export function urlsOf<Urls extends Record<string, string>>(
  defaults: Urls,
  settings: PluginSettings
): Urls {
  return { ...defaults, ...settings.urls }
}

/** Meta keeps several Graph versions live at once: each plugin pins its own default and moves it on purpose. */
export function apiVersionOf(settings: PluginSettings, fallback: string) {
  return String(settings.apiVersion ?? fallback)
}

/** `https://host/` + `v25.0/`: the trailing slash makes request paths relative to the version. */
export function versionedBase(host: string, version: string | null) {
  const root = host.replace(/\/$/, '')
  return version ? `${root}/${version}/` : `${root}/`
}

/**
 * A client on `base` that sends `token` as a Bearer header (Graph accepts it; Meta's examples put
 * access_token in the query, which proxies log) and maps Graph's error bodies to results.
 * With `appSecret`, every call is signed with `appsecret_proof` (Facebook Login apps; the
 * Threads API has no such proof).
 */
export function graphClient(ctx: GraphContext, base: string, appSecret?: string): GraphClient {
  const http = ctx.http.withBaseUrl(base)
  return {
    async send<T = any>(request: GraphRequest) {
      const { token, ...rest } = request
      const proof =
        token && appSecret
          ? { appsecret_proof: createHmac('sha256', appSecret).update(token).digest('hex') }
          : {}
      return mapGraphError(
        await http.send<T>({
          ...rest,
          ...(token ? { bearer: token } : {}),
          query: { ...rest.query, ...proof },
        })
      )
    },
  }
}

import {
  apiVersionOf,
  graphClient,
  urlsOf,
  versionedBase,
  type GraphContext,
} from '../_meta/graph_client.js'
import type { PluginSettings } from '#sdk'

/**
 * Instagram API with Facebook Login: the Graph host is Facebook's (not graph.instagram.com, which
 * serves the Instagram Login variant). Config (or a test's fake) may point any of them elsewhere.
 */
export const IG_DEFAULT_URLS = {
  graph: 'https://graph.facebook.com',
  /** The Facebook Login dialog's host. */
  dialog: 'https://www.facebook.com',
  web: 'https://www.instagram.com',
}

/** Meta's docs show v24.0–v27.0 live at once; pin one explicitly and move it on purpose. */
export const IG_DEFAULT_API_VERSION = 'v25.0'

export const igUrls = (settings: PluginSettings) => urlsOf(IG_DEFAULT_URLS, settings)
export const apiVersion = (settings: PluginSettings) =>
  apiVersionOf(settings, IG_DEFAULT_API_VERSION)

/** A client on `{graph}/{version}/`, signing every call with `appsecret_proof`. */
export function graph(ctx: GraphContext) {
  return graphClient(
    ctx,
    versionedBase(igUrls(ctx.settings).graph, apiVersion(ctx.settings)),
    ctx.settings.clientSecret
  )
}

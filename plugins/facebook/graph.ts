import {
  apiVersionOf,
  graphClient,
  urlsOf,
  versionedBase,
  type GraphContext,
} from '../_meta/graph_client.js'
import type { AccountContext, PluginSettings } from '#sdk'

/** Where Facebook lives; config (or a test's fake) may point any of them elsewhere. */
export const FB_DEFAULT_URLS = {
  graph: 'https://graph.facebook.com',
  /** Video uploads go to their own host (FLOW.md, "Video (current way)" step 3). */
  graphVideo: 'https://graph-video.facebook.com',
  /** The Login dialog's host. */
  dialog: 'https://www.facebook.com',
  web: 'https://www.facebook.com',
}

/** Meta's docs show v24.0–v27.0 live at once; pin one explicitly and move it on purpose. */
export const FB_DEFAULT_API_VERSION = 'v25.0'

export const fbUrls = (settings: PluginSettings) => urlsOf(FB_DEFAULT_URLS, settings)
export const apiVersion = (settings: PluginSettings) =>
  apiVersionOf(settings, FB_DEFAULT_API_VERSION)

/** A client on `{graph}/{version}/` (or the video host), signing every call with `appsecret_proof`. */
export function graph(ctx: GraphContext, host: 'graph' | 'graphVideo' = 'graph') {
  return graphClient(
    ctx,
    versionedBase(fbUrls(ctx.settings)[host], apiVersion(ctx.settings)),
    ctx.settings.clientSecret
  )
}

/** A Page post's public address (publish and video both return it, reconcile finds it). */
export function postUrl(ctx: AccountContext, postId: string) {
  return `${fbUrls(ctx.settings).web.replace(/\/$/, '')}/${postId}`
}

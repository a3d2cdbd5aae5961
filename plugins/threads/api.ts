import {
  apiVersionOf,
  graphClient,
  urlsOf,
  versionedBase,
  type GraphContext,
} from '../_meta/graph_client.js'
import type { PluginSettings } from '#sdk'

/** Where Threads lives (threads/FLOW.md); config (or a test's fake) may point any of them elsewhere. */
export const THREADS_DEFAULT_URLS = {
  /** Graph host of Threads; also serves the unversioned token endpoints. */
  graph: 'https://graph.threads.net',
  authorize: 'https://threads.net/oauth/authorize',
  web: 'https://www.threads.net',
}

/** Threads has one version so far. */
export const THREADS_DEFAULT_API_VERSION = 'v1.0'

export const threadsUrls = (settings: PluginSettings) => urlsOf(THREADS_DEFAULT_URLS, settings)

/** A client on `{graph}/{version}/`, or on the bare host for the token endpoints (no appsecret_proof on Threads). */
export function graph(ctx: GraphContext, versioned = true) {
  const version = versioned ? apiVersionOf(ctx.settings, THREADS_DEFAULT_API_VERSION) : null
  return graphClient(ctx, versionedBase(threadsUrls(ctx.settings).graph, version))
}

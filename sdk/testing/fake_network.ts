import type { PostMetrics } from '../capabilities.js'
import type { PluginSettings } from '../contract.js'
import type { FakeServer } from './fake_server.js'

/** What a fake stored for one published post, as the conformance kit inspects it. */
export interface StoredPost {
  text: string
  media: { kind: 'image' | 'video'; altText: string | null }[]
  idempotencyKey?: string | null
  /**
   * The network id of the post this one answers (a thread part's previous part, a comment's
   * post), as the fake read it from the request; null for a top-level post. Fakes of networks
   * with threads or first comments fill it: the conformance kit checks reply linkage with it.
   */
  inReplyTo?: string | null
}

/**
 * The face every plugin's fake network shows the conformance kit. A fake is an
 * HTTP server built from the network's published description; the kit drives it
 * only through these members.
 */
export interface FakeNetwork {
  server: FakeServer
  /** Settings that point the plugin at this fake (base URLs, client id/secret). */
  settings: PluginSettings
  /** For `instance_oauth`: the instance URL a user would type. */
  instanceUrl?: string
  /** For `credentials`: values a user would type in the connect form. */
  credentials?: Record<string, string>
  /** Regex source of the create-post path, where the kit injects faults. */
  publishPath: string
  isTokenValid(accessToken: string): boolean
  storedPost(externalId: string): StoredPost | undefined
  /** Makes the network report these figures for a post (and 0 for the others it has). */
  setMetrics(externalId: string, metrics: Partial<PostMetrics>): void
  /** Makes the next token check fail as if the access token had expired. */
  expireAccessToken(accessToken: string): void
  /** Makes a token look issued `ms` earlier (networks that refresh only tokens of a certain age). */
  ageToken?(accessToken: string, ms: number): void
  close(): Promise<void>
}

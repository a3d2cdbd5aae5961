import type { PostMetrics } from '../capabilities.js'
import { FakeServer } from './fake_server.js'
import type { StoredPost } from './fake_network.js'

/** A post a fake keeps, with the figures a test made the network report for it. */
export interface FiguredPost extends StoredPost {
  metrics?: Partial<PostMetrics>
}

/**
 * The bookkeeping a fake network repeats whatever its API: its HTTP server, the access tokens
 * it honours until they expire (or, for a bot token or a JWT, until revoked) and the posts it
 * stored by their external id, as the conformance kit reads them. Each fake keeps its routes,
 * its token shapes and what it answers: those are what the plugin is tested on.
 */
export abstract class PostStoreFake<P extends FiguredPost> {
  server = new FakeServer()
  /** Access tokens and when each stops working (Infinity: until revoked). */
  protected readonly accessTokens = new Map<string, number>()
  /** Stored posts by the external id the network gave them. */
  protected readonly stored = new Map<string, P>()

  isTokenValid(token: string) {
    return (this.accessTokens.get(token) ?? 0) > Date.now()
  }

  /** Makes a token fail as an expired one does; a token that never expires is as if revoked. */
  expireAccessToken(token: string) {
    if (this.accessTokens.has(token)) this.accessTokens.set(token, 0)
  }

  storedPost(externalId: string) {
    return this.stored.get(externalId)
  }

  posts() {
    return [...this.stored.values()]
  }

  setMetrics(externalId: string, figures: Partial<PostMetrics>) {
    const post = this.stored.get(externalId)
    if (!post) throw new Error(`no post ${externalId}`)
    post.metrics = { ...figures }
  }

  close() {
    return this.server.close()
  }
}

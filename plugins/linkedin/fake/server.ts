import type { PostMetrics } from '#sdk'
import { FakeServer } from '#sdk/testing/fake_server'
import type { FakeNetwork } from '#sdk/testing/fake_network'
import { OAuthFakeNetwork } from '#sdk/testing/fake_oauth'
import { LinkedInAssets } from './assets.js'
import { FakeLinkedInComments } from './comments.js'
import { CLIENT_ID, CLIENT_SECRET, FakeLinkedInOAuth } from './oauth.js'
import { postRoutes, type Post } from './posts.js'
import { error, MEMBER, MEMBER_URN, ORGANIZATIONS, RestGate } from './rest.js'
import { statsRoutes } from './stats.js'

export { MEMBER, ORGANIZATIONS } from './rest.js'

/**
 * LinkedIn in miniature, after FLOW.md (LinkedIn publishes no OpenAPI; the third-party files in
 * provider-specs are too loose to validate against): OpenID userinfo, organisation ACLs for the
 * picker, image and multipart video uploads with a processing phase (assets.ts), /rest/posts with
 * little-text commentary and the posts-by-author finder (posts.ts), and the statistics endpoints
 * (stats.ts), and comments under a post (comments.ts). Every /rest call must carry a LinkedIn-Version (YYYYMM) and X-Restli-Protocol-Version
 * 2.0.0 (rest.ts).
 */
export class FakeLinkedIn extends OAuthFakeNetwork<FakeLinkedInOAuth> implements FakeNetwork {
  server = new FakeServer()
  publishPath = '^/rest/posts$'
  /** Status reads a video needs before LinkedIn reports AVAILABLE. */
  processingPolls = 2
  /** Bytes per video part in upload instructions (LinkedIn uses about 4 MB). */
  partBytes = 4 * 1024 * 1024

  #gate = new RestGate({
    isTokenValid: (token) => this.isTokenValid(token),
    scopeOf: (token) => this.oauth.scopeOf(token),
  })
  #assets = new LinkedInAssets({
    gate: this.#gate,
    server: this.server,
    processingPolls: () => this.processingPolls,
    partBytes: () => this.partBytes,
    newId: () => this.#id(),
  })
  #posts = new Map<string, Post>()
  comments = new FakeLinkedInComments({
    gate: this.#gate,
    assets: this.#assets,
    posts: this.#posts,
    newId: () => this.#id(),
  })
  #next = 7_100_000_000_000_000_000n

  get settings() {
    return {
      urls: {
        api: this.server.baseUrl,
        oauth: `${this.server.baseUrl}/oauth/v2`,
        web: 'https://www.linkedin.com',
      },
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
    }
  }

  constructor() {
    super(new FakeLinkedInOAuth())
  }

  static async start() {
    const fake = new FakeLinkedIn()
    fake.oauth.routes(fake.server)
    fake.#profileRoutes()
    fake.#assets.routes(fake.server)
    postRoutes(fake.server, {
      gate: fake.#gate,
      assets: fake.#assets,
      posts: fake.#posts,
      newId: () => fake.#id(),
    })
    statsRoutes(fake.server, fake.#gate, fake.#posts)
    fake.comments.routes(fake.server)
    await fake.server.start()
    return fake
  }

  /** A post with its author. */
  post(urn: string) {
    return this.#posts.get(urn)
  }

  /** A post, or a comment (with the post it sits under). */
  storedPost(urn: string) {
    return this.#posts.get(urn) ?? this.comments.store.get(urn)
  }

  /** The comments under a post, oldest first: a first comment's linkage is checked here. */
  commentsOn(urn: string) {
    return this.comments.store.on(urn)
  }

  asset(urn: string) {
    return this.#assets.get(urn)
  }

  setMetrics(urn: string, figures: Partial<PostMetrics>) {
    const post = this.#posts.get(urn)
    if (!post) throw new Error(`no post ${urn}`)
    post.metrics = {
      likes: figures.likes ?? 0,
      comments: figures.comments ?? 0,
      shares: figures.shares ?? 0,
      views: figures.views ?? 0,
      reach: figures.reach ?? 0,
      clicks: figures.clicks ?? 0,
    }
  }

  close() {
    return this.server.close()
  }

  #id() {
    return String(this.#next++)
  }

  #profileRoutes() {
    const s = this.server
    const gate = this.#gate
    s.route(
      'GET',
      '/v2/userinfo',
      (request) =>
        gate.auth(request) ?? {
          json: { ...MEMBER, given_name: 'Camille', family_name: 'Pistache', email_verified: true },
        }
    )

    s.route('GET', '/rest/organizationAcls', (request) => {
      const denied = gate.rest(request)
      if (denied) return denied
      if (!gate.can(request, 'rw_organization_admin'))
        return error(
          403,
          'Not enough permissions to access: organizationAcls.FINDER-roleAssignee',
          'ACCESS_DENIED'
        )
      if (request.query.get('q') !== 'roleAssignee') return error(400, 'unknown finder')
      return {
        json: {
          paging: { start: 0, count: 10, total: ORGANIZATIONS.length },
          elements: ORGANIZATIONS.map((org) => ({
            roleAssignee: MEMBER_URN,
            state: 'APPROVED',
            role: 'ADMINISTRATOR',
            organization: `urn:li:organization:${org.id}`,
          })),
        },
      }
    })

    s.route('GET', '/rest/organizations/:id', (request) => {
      const denied = gate.rest(request)
      if (denied) return denied
      const org = ORGANIZATIONS.find((o) => String(o.id) === request.params.id)
      return org
        ? { json: { ...org, localizedName: org.localizedName } }
        : error(404, 'Organization not found', 'NOT_FOUND')
    })
  }
}

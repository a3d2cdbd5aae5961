import type { PostMetrics } from '#sdk'
import { FakeServer, type FakeReply, type FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork } from '#sdk/testing/fake_network'
import { OAuthFakeNetwork } from '#sdk/testing/fake_oauth'
import { BOARDS, SECTIONS, USER } from './account.js'
import { PinterestMedia } from './media.js'
import { CLIENT_ID, CLIENT_SECRET, FakePinterestOAuth } from './oauth.js'
import { PinterestPins } from './pins.js'
import { failure, invalidBody } from './spec_checks.js'

export { BOARDS, SECTIONS, USER } from './account.js'

/**
 * Pinterest v5 in miniature, after the official OpenAPI document in spec/ (5.23.0): request
 * bodies are validated against it (400 with Pinterest's {code, message}, as Prism showed;
 * spec_checks.ts), images given by URL are fetched the way Pinterest fetches them, videos go
 * through the registered-upload lifecycle (registered → processing → succeeded, advancing per
 * status read; media.ts), and pin analytics check `metric_types` against the (corrected) spec
 * (pins.ts).
 */
export class FakePinterest extends OAuthFakeNetwork<FakePinterestOAuth> implements FakeNetwork {
  server = new FakeServer()
  publishPath = '^/v5/pins$'
  processingPolls = 2

  #next = 1_055_245_900_000_000_000n
  #media = new PinterestMedia({
    auth: (request, scope) => this.#auth(request, scope),
    newId: () => this.#id(),
    processingPolls: () => this.processingPolls,
  })
  #pins = new PinterestPins({
    auth: (request, scope) => this.#auth(request, scope),
    hasScope: (token, scope) => this.oauth.hasScope(token, scope),
    newId: () => this.#id(),
    media: this.#media,
  })

  get settings() {
    return {
      urls: {
        api: `${this.server.baseUrl}/v5`,
        authorize: `${this.server.baseUrl}/oauth/`,
        web: 'https://www.pinterest.com',
      },
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
    }
  }

  constructor() {
    super(new FakePinterestOAuth())
  }

  static async start() {
    const fake = new FakePinterest()
    fake.oauth.routes(fake.server, (request, path) =>
      invalidBody(request, path, 'application/x-www-form-urlencoded')
    )
    fake.#accountRoutes()
    fake.#media.routes(fake.server)
    fake.#pins.routes(fake.server)
    await fake.server.start()
    return fake
  }

  storedPost(id: string) {
    return this.#pins.get(id)
  }

  setMetrics(id: string, figures: Partial<PostMetrics>) {
    this.#pins.setMetrics(id, figures)
  }

  close() {
    return this.server.close()
  }

  #id() {
    return String(this.#next++)
  }

  #auth(request: FakeRequest, scope: string): FakeReply | null {
    if (!request.bearer || !this.isTokenValid(request.bearer))
      return failure(401, 2, 'Authentication failed.')
    if (!this.oauth.hasScope(request.bearer, scope))
      return failure(403, 3, `Missing scope ${scope}`)
    return null
  }

  #accountRoutes() {
    const s = this.server
    s.route(
      'GET',
      '/v5/user_account',
      (request) =>
        this.#auth(request, 'user_accounts:read') ?? {
          json: {
            ...USER,
            profile_image: 'https://i.pinimg.com/75x75_RS/pistache.jpg',
            follower_count: 812,
          },
        }
    )

    s.route('GET', '/v5/boards', (request) => {
      const denied = this.#auth(request, 'boards:read')
      if (denied) return denied
      const pageSize = Number(request.query.get('page_size') ?? 25)
      const offset = Number(request.query.get('bookmark') ?? 0)
      const visible = BOARDS.filter(
        (b) => b.privacy !== 'SECRET' || this.oauth.hasScope(request.bearer!, 'boards:read_secret')
      )
      const page = visible.slice(offset, offset + pageSize)
      const more = offset + pageSize < visible.length
      return {
        json: {
          items: page.map((b) => ({ ...b, owner: { username: USER.username } })),
          bookmark: more ? String(offset + pageSize) : null,
        },
      }
    })

    s.route('GET', '/v5/boards/:id/sections', (request) => {
      const denied = this.#auth(request, 'boards:read')
      if (denied) return denied
      if (!BOARDS.some((b) => b.id === request.params.id))
        return failure(404, 404, 'Board not found.')
      return { json: { items: SECTIONS[request.params.id] ?? [], bookmark: null } }
    })

    s.route('GET', '/v5/boards/:id/pins', (request) => {
      const denied = this.#auth(request, 'pins:read')
      if (denied) return denied
      if (!BOARDS.some((b) => b.id === request.params.id))
        return failure(404, 404, 'Board not found.')
      const size = Number(request.query.get('page_size') ?? 25)
      return { json: { items: this.#pins.onBoard(request.params.id, size), bookmark: null } }
    })
  }
}

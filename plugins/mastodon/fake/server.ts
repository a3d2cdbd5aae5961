import type { PostMetrics } from '#sdk'
import { FakeServer } from '#sdk/testing/fake_server'
import type { FakeNetwork } from '#sdk/testing/fake_network'
import { MastodonState } from './state.js'
import { oauthRoutes } from './oauth.js'
import { mediaRoutes } from './media.js'
import { statusRoutes } from './statuses.js'

/**
 * A Mastodon instance in miniature, after the community OpenAPI document in
 * spec/schema.json: app registration and OAuth with PKCE (oauth.ts), media upload with
 * processing (media.ts), statuses with Idempotency-Key and replies (statuses.ts), counts.
 * Request bodies are checked against the document; a mismatch answers 422.
 */
export class FakeMastodon implements FakeNetwork {
  server = new FakeServer()
  settings = { urls: {} }
  publishPath = '^/api/v1/statuses$'
  maxCharacters = 500
  /** The instance's media limits (`configuration.media_attachments`), bytes: tests lower them. */
  imageSizeLimit = 16 * 1024 * 1024
  videoSizeLimit = 99 * 1024 * 1024

  #state = new MastodonState(() => this.server.baseUrl)

  get instanceUrl() {
    return this.server.baseUrl
  }

  static async start() {
    const fake = new FakeMastodon()
    fake.#routes()
    await fake.server.start()
    // It stands for a server the user names in a form: reachable by its exact address only.
    fake.server.allowAsOutboundTarget()
    return fake
  }

  isTokenValid(accessToken: string) {
    return this.#state.isTokenValid(accessToken)
  }

  expireAccessToken() {
    // Mastodon tokens do not expire; nothing to do.
  }

  storedPost(externalId: string) {
    return this.#state.statuses.get(externalId)
  }

  setMetrics(externalId: string, figures: Partial<PostMetrics>) {
    const status = this.#state.statuses.get(externalId)
    if (!status) throw new Error(`no status ${externalId}`)
    status.counts = {
      favourites: figures.likes ?? 0,
      reblogs: figures.shares ?? 0,
      replies: figures.comments ?? 0,
      quotes: figures.quotes ?? 0,
    }
  }

  close() {
    return this.server.close()
  }

  #account() {
    return {
      id: '1',
      username: 'pistache',
      acct: 'pistache',
      display_name: 'Pistache Agency',
      avatar: `${this.server.baseUrl}/avatars/1.png`,
      url: `${this.server.baseUrl}/@pistache`,
      followers_count: 1280,
      following_count: 42,
      statuses_count: this.#state.statuses.size,
    }
  }

  #routes() {
    const s = this.server
    oauthRoutes(s, this.#state)

    s.route(
      'GET',
      '/api/v1/accounts/verify_credentials',
      (request) => this.#state.authorized(request) ?? { json: this.#account() }
    )

    s.route('GET', '/api/v2/instance', () => ({
      json: {
        domain: new URL(this.server.baseUrl).host,
        configuration: {
          statuses: {
            max_characters: this.maxCharacters,
            max_media_attachments: 4,
            characters_reserved_per_url: 23,
          },
          media_attachments: {
            description_limit: 1500,
            image_size_limit: this.imageSizeLimit,
            video_size_limit: this.videoSizeLimit,
          },
        },
      },
    }))

    mediaRoutes(s, this.#state, () => ({ image: this.imageSizeLimit, video: this.videoSizeLimit }))
    statusRoutes(s, this.#state, () => this.maxCharacters)
  }
}

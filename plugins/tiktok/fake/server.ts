import type { PostMetrics } from '#sdk'
import { FakeServer, type FakeReply, type FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork } from '#sdk/testing/fake_network'
import { OAuthFakeNetwork } from '#sdk/testing/fake_oauth'
import { CLIENT_KEY, CLIENT_SECRET, FakeTikTokOAuth, OPEN_ID } from './oauth.js'
import { TikTokPublishing } from './publishing.js'
import { USERNAME, answer, apiError } from './replies.js'
import { TikTokVideos } from './videos.js'

/**
 * TikTok's Content Posting and Display APIs in miniature, after provider-specs/tiktok/FLOW.md:
 * user info, creator_info, direct and inbox video init with chunked FILE_UPLOAD (chunk rules and
 * Content-Range checked), photo posts pulled from URLs (fetched and checked to be JPEG/WebP),
 * status polling that advances one step per poll (publishing.ts), video list/query with the
 * figures from setMetrics (videos.ts). Every call checks the bearer and the scope it needs.
 */
export class FakeTikTok extends OAuthFakeNetwork<FakeTikTokOAuth> implements FakeNetwork {
  server = new FakeServer()
  publishPath = '^/v2/post/publish/(video|inbox/video|content)/init/$'
  /** Status polls a publish needs after its bytes are in before TikTok reports the outcome. */
  processingPolls = 2
  /** What creator_info offers; unaudited apps get only SELF_ONLY. */
  privacyLevelOptions = [
    'PUBLIC_TO_EVERYONE',
    'MUTUAL_FOLLOW_FRIENDS',
    'FOLLOWER_OF_CREATOR',
    'SELF_ONLY',
  ]
  maxVideoPostDurationSec = 600
  creatorFlags = { comment_disabled: false, duet_disabled: false, stitch_disabled: false }

  #nextVideo = 7_400_000_000_000_000_000n
  #videos = new TikTokVideos((request, scope) => this.#guard(request, scope))
  #publishing = new TikTokPublishing({
    baseUrl: () => this.server.baseUrl,
    guard: (request, scope) => this.#guard(request, scope),
    processingPolls: () => this.processingPolls,
    privacyLevelOptions: () => this.privacyLevelOptions,
    nextId: () => this.#nextVideo++,
    videos: this.#videos,
  })

  get settings() {
    return {
      urls: {
        api: this.server.baseUrl,
        authorize: `${this.server.baseUrl}/v2/auth/authorize/`,
        web: 'https://www.tiktok.com',
      },
      clientId: CLIENT_KEY,
      clientSecret: CLIENT_SECRET,
    }
  }

  constructor() {
    super(new FakeTikTokOAuth())
  }

  static async start() {
    const fake = new FakeTikTok()
    fake.oauth.routes(fake.server)
    fake.#routes()
    await fake.server.start()
    return fake
  }

  /** Published posts by video id; inbox drafts by publish id. */
  storedPost(externalId: string) {
    return this.#videos.storedPost(externalId)
  }

  publishRecord(publishId: string) {
    return this.#publishing.record(publishId)
  }

  /**
   * Time passes: every publish whose bytes are in finishes processing, as TikTok does on
   * its own whether or not anyone polls (a publish whose answer was lost still goes out).
   */
  async settle() {
    await this.#publishing.settle()
  }

  setMetrics(externalId: string, figures: Partial<PostMetrics>) {
    this.#videos.setMetrics(externalId, figures)
  }

  close() {
    return this.server.close()
  }

  #guard(request: FakeRequest, scope: string): FakeReply | null {
    if (!request.bearer || !this.isTokenValid(request.bearer))
      return apiError(
        401,
        'access_token_invalid',
        'The access token is invalid or not found in the request.'
      )
    if (!this.oauth.scopesOf(request.bearer).includes(scope))
      return apiError(
        401,
        'scope_not_authorized',
        `The user did not authorize the scope required: ${scope}.`
      )
    return null
  }

  #creatorInfo() {
    return {
      creator_avatar_url: 'https://p16-sign.tiktokcdn.com/pistache.jpeg',
      creator_username: USERNAME,
      creator_nickname: 'Pistache Agency',
      privacy_level_options: this.privacyLevelOptions,
      max_video_post_duration_sec: this.maxVideoPostDurationSec,
      ...this.creatorFlags,
    }
  }

  #routes() {
    const s = this.server
    s.route('GET', '/v2/user/info/', (request) => {
      const denied = this.#guard(request, 'user.info.basic')
      if (denied) return denied
      const fields = (request.query.get('fields') ?? '').split(',')
      const all: Record<string, unknown> = {
        open_id: OPEN_ID,
        union_id: 'union-pistache',
        avatar_url: 'https://p16-sign.tiktokcdn.com/pistache.jpeg',
        display_name: 'Pistache Agency',
        username: USERNAME,
        profile_deep_link: `https://vm.tiktok.com/${USERNAME}`,
        follower_count: 5120,
        following_count: 12,
        video_count: this.#videos.count,
      }
      return answer({
        user: Object.fromEntries(
          fields.filter((field) => field in all).map((field) => [field, all[field]])
        ),
      })
    })

    s.route(
      'POST',
      '/v2/post/publish/creator_info/query/',
      (request) => this.#guard(request, 'video.publish') ?? answer(this.#creatorInfo())
    )
    this.#publishing.routes(s)
    this.#videos.routes(s)
  }
}

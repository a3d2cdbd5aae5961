import type { PostMetrics } from '#sdk'
import { FakeServer, type FakeReply, type FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork, StoredPost } from '#sdk/testing/fake_network'
import { OAuthFakeNetwork } from '#sdk/testing/fake_oauth'
import { CLIENT_ID, CLIENT_SECRET, FakeRedditOAuth } from './oauth.js'
import {
  USER,
  defaultSubreddits,
  listing,
  redditError,
  thing,
  validateSubmission,
  type Post,
  type Subreddit,
} from './model.js'
import { FakeRedditAssets } from './assets.js'
import { FakeRedditComments } from './comments.js'
import { submitGallery } from './gallery.js'
import { subredditRoutes } from './subreddits.js'

/**
 * Reddit in miniature, after provider-specs/reddit/FLOW.md and the archived r2 validators:
 * /api/v1/me, subreddit about, post_requirements and link flair (r/pistache takes anything,
 * r/flairme requires a flair, r/linksonly refuses text posts), /api/submit with Reddit's
 * HTTP-200 `json.errors`, the media asset lease with an S3-style form upload, image and video
 * posts that stay invisible for a few listing reads while "processing", gallery posts, the
 * user's submissions and comments, /api/info with the figures from setMetrics, and comments
 * under a link (comments.ts). Requests without a
 * descriptive User-Agent get the 429 Reddit gives generic clients.
 */
export class FakeReddit extends OAuthFakeNetwork<FakeRedditOAuth> implements FakeNetwork {
  server = new FakeServer()
  publishPath = '^/api/(submit|submit_gallery_post\\.json)$'
  /** Listing reads an image or video post stays hidden for while Reddit "processes" it. */
  processingReads = 2
  subreddits = defaultSubreddits()

  #posts = new Map<string, Post>()
  comments = new FakeRedditComments(this.#posts)
  #assets = new FakeRedditAssets()
  #next = 0x1a2b3c

  get settings() {
    return {
      urls: { auth: this.server.baseUrl, api: this.server.baseUrl, web: 'https://www.reddit.com' },
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      userAgent: 'test:pistache-postiz:0.1.0 (by /u/pistache_agency)',
    }
  }

  constructor() {
    super(new FakeRedditOAuth())
  }

  static async start() {
    const fake = new FakeReddit()
    fake.#routes()
    await fake.server.start()
    return fake
  }

  /** A link, or a comment (with the fullname it answers). */
  storedPost(externalId: string) {
    return this.#posts.get(externalId) ?? this.comments.store.get(externalId)
  }

  /** A link with its subreddit, kind and flags. */
  link(externalId: string) {
    return this.#posts.get(externalId)
  }

  /** The comments under a link (or comment), oldest first: a first comment's linkage is checked here. */
  commentsOn(fullname: string) {
    return this.comments.store.on(fullname)
  }

  setMetrics(externalId: string, figures: Partial<PostMetrics>) {
    const post = this.#posts.get(externalId)
    if (!post) throw new Error(`no post ${externalId}`)
    post.figures = {
      ...post.figures,
      score: figures.likes ?? 0,
      num_comments: figures.comments ?? 0,
      num_crossposts: figures.shares ?? 0,
    }
  }

  setUpvoteRatio(externalId: string, ratio: number) {
    this.#posts.get(externalId)!.figures.upvote_ratio = ratio
  }

  close() {
    return this.server.close()
  }

  /** Reddit throttles clients that do not say who they are. */
  #userAgentOk(request: FakeRequest) {
    const ua = String(request.headers['user-agent'] ?? '')
    return ua.length > 10 && !/^(node|undici|python-requests|curl)/i.test(ua)
  }

  #guard(request: FakeRequest, scope: string): FakeReply | null {
    if (!this.#userAgentOk(request)) return { status: 429, text: 'Too Many Requests' }
    if (!request.bearer || !this.isTokenValid(request.bearer))
      return { status: 401, json: { message: 'Unauthorized', error: 401 } }
    if (!this.oauth.hasScope(request.bearer, scope))
      return {
        status: 403,
        json: { message: 'Forbidden', error: 403, reason: `insufficient scope: ${scope}` },
      }
    return null
  }

  #sub(name: string) {
    return this.subreddits.get(name.toLowerCase())
  }

  #route(
    method: string,
    path: string,
    scope: string | null,
    handler: (request: FakeRequest) => FakeReply | Promise<FakeReply>
  ) {
    this.server.route(
      method,
      path,
      (request) => (scope ? this.#guard(request, scope) : null) ?? handler(request)
    )
  }

  #routes() {
    const s = this.server
    // The OAuth endpoints check the User-Agent too.
    const oauthServer = {
      route: (m: string, p: string, h: (r: FakeRequest) => FakeReply) =>
        s.route(m, p, (r) =>
          this.#userAgentOk(r) || m === 'GET' ? h(r) : { status: 429, text: 'Too Many Requests' }
        ),
    }
    this.oauth.routes(oauthServer as unknown as FakeServer)

    this.#route('GET', '/api/v1/me', 'identity', () => ({
      json: {
        ...USER,
        icon_img: 'https://styles.redditmedia.com/pistache.png?width=256',
        total_karma: 1234,
        subreddit: { display_name_prefixed: `u/${USER.name}`, subscribers: 321 },
      },
    }))

    subredditRoutes(
      (method, path, scope, handler) => this.#route(method, path, scope, handler),
      (name) => this.#sub(name)
    )

    this.#assets.routes(s, (method, path, scope, handler) =>
      this.#route(method, path, scope, handler)
    )

    this.#route('POST', '/api/submit', 'submit', (request) => this.#submit(request.body))
    this.#route('POST', '/api/comment', 'submit', (request) => this.comments.create(request.body))
    this.#route('GET', '/user/:name/comments', 'history', (request) => {
      if (request.params.name !== USER.name)
        return { status: 404, json: { message: 'Not Found', error: 404 } }
      const limit = Math.min(100, Number(request.query.get('limit') ?? 25))
      const mine = [...this.#posts.keys()].flatMap((id) => this.comments.store.on(id))
      return listing(
        mine
          .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
          .slice(0, limit)
          .map((comment) => this.comments.thing(comment))
      )
    })
    this.#route('POST', '/api/submit_gallery_post.json', 'submit', (request) =>
      submitGallery(request.body, {
        subreddits: this.subreddits,
        assets: this.#assets,
        create: (sub, body, media) => this.#create(sub, body, 'gallery', media, null),
      })
    )

    this.#route('GET', '/user/:name/submitted', 'history', (request) => {
      if (request.params.name !== USER.name)
        return { status: 404, json: { message: 'Not Found', error: 404 } }
      const limit = Math.min(100, Number(request.query.get('limit') ?? 25))
      const visible = [...this.#posts.values()].filter(
        (post) => post.hiddenFor === 0 || (post.hiddenFor--, false)
      )
      return listing(
        visible
          .reverse()
          .slice(0, limit)
          .map((post) => thing(post))
      )
    })

    this.#route('GET', '/api/info', 'read', (request) => {
      const ids = (request.query.get('id') ?? '').split(',').filter(Boolean)
      if (ids.length > 100) return { status: 400, json: { message: 'Bad Request', error: 400 } }
      const comments = ids.flatMap((id) => {
        const comment = this.comments.store.get(id)
        return comment ? [this.comments.thing(comment)] : []
      })
      return listing([
        ...ids
          .map((id) => this.#posts.get(id))
          .filter((post): post is Post => !!post && post.hiddenFor === 0)
          .map((post) => thing(post)),
        ...comments,
      ])
    })
  }

  #submit(body: Record<string, any>): FakeReply {
    const kind = String(body.kind ?? '')
    if (!['self', 'link', 'image', 'video', 'videogif'].includes(kind))
      return redditError('INVALID_OPTION', 'that option is not valid', 'kind')
    const sub = validateSubmission(this.subreddits, body, kind)
    if (!('submissionType' in sub)) return sub
    let media: StoredPost['media'] = []
    if (kind === 'link' && !/^https?:\/\//.test(body.url ?? ''))
      return redditError('NO_URL', 'a url is required', 'url')
    if (kind === 'image' || kind === 'video') {
      const asset = this.#assets.byUrl(body.url)
      if (!asset) return redditError('NO_URL', 'a url is required', 'url')
      if (kind === 'video' && !this.#assets.byUrl(body.video_poster_url))
        return redditError('NO_VIDEO_POSTER', 'a video poster is required', 'video_poster_url')
      if (kind === 'image' && !sub.allowImages)
        return redditError('NO_IMAGES', "that subreddit doesn't allow images", 'sr')
      if (kind === 'video' && !sub.allowVideos)
        return redditError('NO_VIDEOS', "that subreddit doesn't allow videos", 'sr')
      media = [{ kind: kind === 'video' ? 'video' : 'image', altText: null }]
    }
    const post = this.#create(sub, body, kind, media, kind === 'link' ? body.url : null)
    if (kind === 'image' || kind === 'video') {
      // Media posts answer with a websocket to wait on, not with the post.
      post.hiddenFor = this.processingReads
      return {
        json: {
          json: {
            errors: [],
            data: {
              user_submitted_page: `https://www.reddit.com/user/${USER.name}/submitted/`,
              websocket_url: `wss://ws.fake/${post.id}`,
            },
          },
        },
      }
    }
    // r2's POST_submit answers with the post's permalink, for link posts too (not the link's target).
    return {
      json: {
        json: {
          errors: [],
          data: {
            url: `https://www.reddit.com${thing(post).data.permalink}`,
            drafts_count: 0,
            id: post.id.slice(3),
            name: post.id,
          },
        },
      },
    }
  }

  #create(
    sub: Subreddit,
    body: Record<string, any>,
    kind: string,
    media: StoredPost['media'],
    url: string | null
  ) {
    const post: Post = {
      id: `t3_${(this.#next++).toString(36)}`,
      kind,
      title: String(body.title),
      subreddit: sub.name,
      text: String(body.text ?? ''),
      media,
      url,
      flairId: body.flair_id ?? null,
      nsfw: String(body.nsfw) === 'true',
      spoiler: String(body.spoiler) === 'true',
      createdUtc: Math.floor(Date.now() / 1000),
      hiddenFor: 0,
      figures: { score: 1, num_comments: 0, num_crossposts: 0, upvote_ratio: 1 },
    }
    this.#posts.set(post.id, post)
    return post
  }
}

import { randomBytes } from 'node:crypto'
import type { PostMetrics } from '#sdk'
import { FakeServer, type FakeReply, type FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork, StoredPost } from '#sdk/testing/fake_network'
import { OAuthFakeNetwork } from '#sdk/testing/fake_oauth'
import { CLIENT_ID, CLIENT_SECRET, FakeRedditOAuth } from './oauth.js'

const USER = { id: '1w72', name: 'pistache_agency' }

interface Subreddit {
  name: string
  submissionType: 'any' | 'link' | 'self'
  allowImages: boolean
  allowVideos: boolean
  allowGalleries: boolean
  flairRequired: boolean
  flairs: { id: string; text: string; text_editable: boolean }[]
}

interface Post extends StoredPost {
  id: string
  kind: string
  title: string
  subreddit: string
  url: string | null
  flairId: string | null
  nsfw: boolean
  spoiler: boolean
  createdUtc: number
  /** Listing reads left before a processed media post becomes visible. */
  hiddenFor: number
  figures: { score: number; num_comments: number; num_crossposts: number; upvote_ratio: number }
}

const redditError = (code: string, message: string, field = ''): FakeReply => ({
  json: { json: { errors: [[code, message, field]] } },
})
const listing = (children: unknown[]) => ({
  json: { kind: 'Listing', data: { after: null, before: null, dist: children.length, children } },
})

/**
 * Reddit in miniature, after provider-specs/reddit/FLOW.md and the archived r2 validators:
 * /api/v1/me, subreddit about, post_requirements and link flair (r/pistache takes anything,
 * r/flairme requires a flair, r/linksonly refuses text posts), /api/submit with Reddit's
 * HTTP-200 `json.errors`, the media asset lease with an S3-style form upload, image and video
 * posts that stay invisible for a few listing reads while "processing", gallery posts, the
 * user's submissions, and /api/info with the figures from setMetrics. Requests without a
 * descriptive User-Agent get the 429 Reddit gives generic clients.
 */
export class FakeReddit extends OAuthFakeNetwork<FakeRedditOAuth> implements FakeNetwork {
  server = new FakeServer()
  publishPath = '^/api/(submit|submit_gallery_post\\.json)$'
  /** Listing reads an image or video post stays hidden for while Reddit "processes" it. */
  processingReads = 2
  subreddits = new Map<string, Subreddit>([
    [
      'pistache',
      {
        name: 'pistache',
        submissionType: 'any',
        allowImages: true,
        allowVideos: true,
        allowGalleries: true,
        flairRequired: false,
        flairs: [],
      },
    ],
    [
      'flairme',
      {
        name: 'FlairMe',
        submissionType: 'any',
        allowImages: true,
        allowVideos: true,
        allowGalleries: true,
        flairRequired: true,
        flairs: [
          { id: 'f1a1r-0c', text: 'OC', text_editable: false },
          { id: 'f1a1r-q', text: 'Question', text_editable: true },
        ],
      },
    ],
    [
      'linksonly',
      {
        name: 'linksonly',
        submissionType: 'link',
        allowImages: false,
        allowVideos: false,
        allowGalleries: false,
        flairRequired: false,
        flairs: [],
      },
    ],
  ])

  #posts = new Map<string, Post>()
  #assets = new Map<string, { key: string; mimeType: string; bytes: Uint8Array | null }>()
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

  storedPost(externalId: string) {
    return this.#posts.get(externalId)
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

    this.#route('GET', '/r/:sr/about', 'read', (request) => {
      const sub = this.#sub(request.params.sr)
      if (!sub) return { status: 404, json: { message: 'Not Found', error: 404 } }
      return {
        json: {
          kind: 't5',
          data: {
            display_name: sub.name,
            submission_type: sub.submissionType,
            allow_images: sub.allowImages,
            allow_videos: sub.allowVideos,
            allow_galleries: sub.allowGalleries,
          },
        },
      }
    })

    this.#route('GET', '/api/v1/:sr/post_requirements', 'submit', (request) => {
      const sub = this.#sub(request.params.sr)
      if (!sub) return { status: 404, json: { message: 'Not Found', error: 404 } }
      return {
        json: {
          is_flair_required: sub.flairRequired,
          body_restriction_policy: 'none',
          title_text_max_length: null,
          title_text_min_length: null,
          domain_blacklist: [],
        },
      }
    })

    this.#route('GET', '/r/:sr/api/link_flair_v2', 'flair', (request) => {
      const sub = this.#sub(request.params.sr)
      if (!sub) return { status: 404, json: { message: 'Not Found', error: 404 } }
      return {
        json: sub.flairs.map((flair) => ({
          ...flair,
          type: 'text',
          css_class: '',
          mod_only: false,
        })),
      }
    })

    this.#route('POST', '/api/media/asset.json', 'submit', (request) => {
      const { filepath, mimetype } = request.body
      if (!filepath || !/^(image|video)\//.test(mimetype ?? ''))
        return { status: 400, json: { message: 'Bad Request', error: 400 } }
      const assetId = randomBytes(6).toString('hex')
      const key = `rte_images/${assetId}/${filepath}`
      this.#assets.set(assetId, { key, mimeType: mimetype, bytes: null })
      const host = this.server.baseUrl.replace(/^https?:/, '')
      return {
        json: {
          args: {
            action: `${host}/s3-upload`,
            fields: [
              { name: 'acl', value: 'private' },
              { name: 'key', value: key },
              { name: 'Content-Type', value: mimetype },
              { name: 'x-amz-signature', value: 'f4k3' },
            ],
          },
          asset: {
            asset_id: assetId,
            processing_state: 'incomplete',
            payload: { filepath },
            websocket_url: `wss://ws.fake/${assetId}`,
          },
        },
      }
    })

    s.route('POST', '/s3-upload', (request) => {
      const key = request.body.key
      const asset = [...this.#assets.values()].find((entry) => entry.key === key)
      const file = request.files.file?.[0]
      if (!asset || !file || request.body['x-amz-signature'] !== 'f4k3')
        return { status: 403, text: '<Error><Code>AccessDenied</Code></Error>' }
      asset.bytes = file.bytes
      return {
        status: 201,
        text: `<PostResponse><Location>${this.server.baseUrl}/s3-upload/${encodeURIComponent(key)}</Location><Key>${key}</Key></PostResponse>`,
      }
    })

    this.#route('POST', '/api/submit', 'submit', (request) => this.#submit(request.body))
    this.#route('POST', '/api/submit_gallery_post.json', 'submit', (request) =>
      this.#submitGallery(request.body)
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
          .map((post) => this.#thing(post))
      )
    })

    this.#route('GET', '/api/info', 'read', (request) => {
      const ids = (request.query.get('id') ?? '').split(',').filter(Boolean)
      if (ids.length > 100) return { status: 400, json: { message: 'Bad Request', error: 400 } }
      return listing(
        ids
          .map((id) => this.#posts.get(id))
          .filter((post): post is Post => !!post && post.hiddenFor === 0)
          .map((post) => this.#thing(post))
      )
    })
  }

  #thing(post: Post) {
    const permalink = `/r/${post.subreddit}/comments/${post.id.slice(3)}/${post.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .slice(0, 40)}/`
    return {
      kind: 't3',
      data: {
        name: post.id,
        id: post.id.slice(3),
        title: post.title,
        subreddit: post.subreddit,
        selftext: post.text,
        is_self: post.kind === 'self',
        url: post.url ?? `https://www.reddit.com${permalink}`,
        permalink,
        created_utc: post.createdUtc,
        over_18: post.nsfw,
        spoiler: post.spoiler,
        link_flair_template_id: post.flairId,
        view_count: null,
        ...post.figures,
        ups: post.figures.score,
      },
    }
  }

  /** The r2 POST_submit validators that matter here, answered the way Reddit answers them. */
  #validate(body: Record<string, any>, kind: string): FakeReply | Subreddit {
    if (body.api_type !== 'json') return { status: 400, text: 'api_type=json expected' }
    const sub = this.#sub(String(body.sr ?? ''))
    if (!sub) return redditError('SUBREDDIT_NOEXIST', "that subreddit doesn't exist", 'sr')
    const title = String(body.title ?? '')
    if (!title.trim()) return redditError('NO_TEXT', 'we need something here', 'title')
    if (title.length > 300) return redditError('TOO_LONG', 'this is too long (max: 300)', 'title')
    if (String(body.text ?? '').length > 40000)
      return redditError('TOO_LONG', 'this is too long (max: 40000)', 'text')
    if (sub.submissionType === 'link' && kind === 'self')
      return redditError('NO_SELFS', "that subreddit doesn't allow text posts", 'sr')
    if (sub.flairRequired && !body.flair_id)
      return redditError(
        'SUBMIT_VALIDATION_FLAIR_REQUIRED',
        'Your post must contain post flair.',
        'flair'
      )
    if (body.flair_id && !sub.flairs.some((flair) => flair.id === body.flair_id))
      return redditError('BAD_FLAIR_TEMPLATE_ID', 'That flair template is invalid.', 'flair')
    return sub
  }

  #assetByUrl(url: string | undefined) {
    const key = decodeURIComponent(String(url ?? '').split('/s3-upload/')[1] ?? '')
    return [...this.#assets.values()].find((asset) => asset.key === key && asset.bytes)
  }

  #submit(body: Record<string, any>): FakeReply {
    const kind = String(body.kind ?? '')
    if (!['self', 'link', 'image', 'video', 'videogif'].includes(kind))
      return redditError('INVALID_OPTION', 'that option is not valid', 'kind')
    const sub = this.#validate(body, kind)
    if (!('submissionType' in sub)) return sub
    let media: StoredPost['media'] = []
    if (kind === 'link' && !/^https?:\/\//.test(body.url ?? ''))
      return redditError('NO_URL', 'a url is required', 'url')
    if (kind === 'image' || kind === 'video') {
      const asset = this.#assetByUrl(body.url)
      if (!asset) return redditError('NO_URL', 'a url is required', 'url')
      if (kind === 'video' && !this.#assetByUrl(body.video_poster_url))
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
            url: `https://www.reddit.com${this.#thing(post).data.permalink}`,
            drafts_count: 0,
            id: post.id.slice(3),
            name: post.id,
          },
        },
      },
    }
  }

  #submitGallery(body: Record<string, any>): FakeReply {
    const sub = this.#validate(body, 'gallery')
    if (!('submissionType' in sub)) return sub
    if (!sub.allowGalleries)
      return redditError('NO_GALLERIES', "that subreddit doesn't allow galleries", 'sr')
    const items: { media_id: string; caption?: string }[] = Array.isArray(body.items)
      ? body.items
      : []
    if (items.length < 2 || items.length > 20)
      return redditError('BAD_NUMBER', 'galleries take 2 to 20 items', 'items')
    if (items.some((item) => !this.#assets.get(item.media_id)?.bytes))
      return redditError('MEDIA_NOT_FOUND', 'media not found', 'items')
    const post = this.#create(
      sub,
      body,
      'gallery',
      items.map(() => ({ kind: 'image' as const, altText: null })),
      null
    )
    return {
      json: {
        json: {
          errors: [],
          data: { url: `https://www.reddit.com/gallery/${post.id.slice(3)}`, id: post.id },
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

import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { countUtf8Bytes, type PostMetrics } from '#sdk'
import { FakeServer, type FakeReply, type FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork, StoredPost } from '#sdk/testing/fake_network'
import { OAuthFakeNetwork } from '#sdk/testing/fake_oauth'
import { OpenApiValidator } from '#sdk/testing/openapi_validator'
import { CLIENT_ID, CLIENT_SECRET, FakeGoogleOAuth } from './oauth.js'

const specPath = fileURLToPath(new URL('./spec/openapi.json', import.meta.url))
const spec = new OpenApiValidator(specPath)
const document = JSON.parse(readFileSync(specPath, 'utf8'))

/** Query names the document gives an operation (its own and the path's common ones): Google answers 400 to others. */
function documentedQuery(path: string) {
  const item = document.paths[path]
  const resolve = (p: any) => (p.$ref ? document.components.parameters[p.$ref.split('/').pop()] : p)
  return new Set<string>([...(item.parameters ?? []), ...(item.get.parameters ?? [])].map(resolve).filter((p: any) => p.in === 'query').map((p: any) => p.name))
}

/** videoCategories.list for the US: id, title, assignable (a few exist only to group videos). */
export const VIDEO_CATEGORIES: [string, string, boolean][] = [
  ['1', 'Film & Animation', true],
  ['2', 'Autos & Vehicles', true],
  ['10', 'Music', true],
  ['15', 'Pets & Animals', true],
  ['17', 'Sports', true],
  ['18', 'Short Movies', false],
  ['19', 'Travel & Events', true],
  ['20', 'Gaming', true],
  ['22', 'People & Blogs', true],
  ['23', 'Comedy', true],
  ['24', 'Entertainment', true],
  ['25', 'News & Politics', true],
  ['26', 'Howto & Style', true],
  ['27', 'Education', true],
  ['28', 'Science & Technology', true],
  ['29', 'Nonprofits & Activism', true],
]

export const CHANNELS = [
  { id: 'UCpistache0000000000000a', title: 'Pistache Agency', customUrl: '@pistacheagency' },
  { id: 'UCpistache0000000000000b', title: 'Pistache Kitchen', customUrl: '@pistachekitchen' },
]
/** Chunks other than the last must be multiples of this. */
const CHUNK_UNIT = 256 * 1024

interface Session {
  channelId: string
  resource: any
  total: number
  type: string
  received: number
  videoId: string | null
}

interface Video extends StoredPost {
  id: string
  channelId: string
  title: string
  resource: any
  publishedAt: string
  pollsLeft: number
  statistics: { viewCount: string; likeCount: string; commentCount: string; favoriteCount: string }
}

const googleError = (code: number, message: string, reason: string): FakeReply => ({
  status: code,
  json: { error: { code, message, errors: [{ message, domain: 'youtube', reason }], status: code === 401 ? 'UNAUTHENTICATED' : 'INVALID_ARGUMENT' } },
})

/**
 * YouTube in miniature: Google OAuth (oauth.ts) with the consent screen's channel chooser (two
 * channels on one Google identity; a token acts for the one chosen, `chooseChannelAtConsent`),
 * channels.list mine=true naming that channel, the resumable upload protocol of FLOW.md (session via Location header,
 * Content-Range chunks of 256 KiB multiples, 308 + Range, status queries), processing that
 * advances one step per videos.list read, the uploads playlist and statistics. The Video
 * resource sent when opening a session is validated against the discovery-derived OpenAPI
 * document, and list calls accept only the query names it documents.
 */
export class FakeYouTube extends OAuthFakeNetwork<FakeGoogleOAuth> implements FakeNetwork {
  server = new FakeServer()
  /** The upload-session opening: the first request of every publish. */
  publishPath = '^/upload/youtube/v3/videos$'
  processingPolls = 2
  /** When set, each PUT keeps at most this many bytes (in 256 KiB units), as Google may. */
  keepAtMost: number | null = null
  /** Makes the next completing PUT create the video and then never answer. */
  loseFinalAnswer = false

  #sessions = new Map<string, Session>()
  #videos = new Map<string, Video>()

  get settings() {
    const base = this.server.baseUrl
    return {
      urls: {
        authorize: `${base}/o/oauth2/v2/auth`,
        token: `${base}/token`,
        revoke: `${base}/revoke`,
        api: `${base}/youtube/v3`,
        upload: `${base}/upload/youtube/v3`,
        web: 'https://www.youtube.com',
      },
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      uploadTimeoutMs: 1000,
    }
  }

  constructor() {
    super(new FakeGoogleOAuth(CHANNELS[0].id))
  }

  /** Which channel the next consent picks (Google's own channel chooser); the first by default. */
  chooseChannelAtConsent(channelId: string) {
    this.oauth.consentChannelId = channelId
  }

  static async start() {
    const fake = new FakeYouTube()
    fake.oauth.routes(fake.server)
    fake.#listRoutes()
    fake.#uploadRoutes()
    await fake.server.start()
    return fake
  }

  storedPost(id: string) {
    return this.#videos.get(id)
  }

  setMetrics(id: string, figures: Partial<PostMetrics>) {
    const video = this.#videos.get(id)
    if (!video) throw new Error(`no video ${id}`)
    video.statistics = { viewCount: String(figures.views ?? 0), likeCount: String(figures.likes ?? 0), commentCount: String(figures.comments ?? 0), favoriteCount: '0' }
  }

  close() {
    return this.server.close()
  }

  #auth(request: FakeRequest): FakeReply | null {
    return request.bearer && this.isTokenValid(request.bearer) ? null : googleError(401, 'Request had invalid authentication credentials.', 'authError')
  }

  #checkQuery(request: FakeRequest, path: string): FakeReply | null {
    const allowed = documentedQuery(path)
    const unknown = [...request.query.keys()].find((key) => !allowed.has(key))
    return unknown ? googleError(400, `Invalid JSON payload received. Unknown name "${unknown}": Cannot bind query parameter.`, 'badRequest') : null
  }

  #videoJson(video: Video, parts: string[]) {
    const processing = video.pollsLeft > 0 ? 'processing' : 'succeeded'
    return {
      kind: 'youtube#video',
      id: video.id,
      ...(parts.includes('snippet') ? { snippet: { ...video.resource.snippet, channelId: video.channelId, publishedAt: video.publishedAt } } : {}),
      ...(parts.includes('status') ? { status: { ...video.resource.status, uploadStatus: processing === 'succeeded' ? 'processed' : 'uploaded' } } : {}),
      ...(parts.includes('processingDetails') ? { processingDetails: { processingStatus: processing } } : {}),
      ...(parts.includes('statistics') ? { statistics: video.statistics } : {}),
    }
  }

  #listRoutes() {
    const s = this.server
    s.route('GET', '/youtube/v3/channels', (request) => {
      const denied = this.#auth(request) ?? this.#checkQuery(request, '/youtube/v3/channels')
      if (denied) return denied
      if (request.query.get('mine') !== 'true' || !request.query.get('part')) return googleError(400, 'part and a filter are required', 'missingRequiredParameter')
      // mine=true: the one channel the token acts for, as Google answers.
      const mine = CHANNELS.filter((c) => c.id === this.oauth.channelOf(request.bearer!))
      return {
        json: {
          kind: 'youtube#channelListResponse',
          pageInfo: { totalResults: mine.length, resultsPerPage: 50 },
          items: mine.map((c) => ({
            kind: 'youtube#channel',
            id: c.id,
            snippet: { title: c.title, customUrl: c.customUrl, thumbnails: { default: { url: `https://yt3.ggpht.com/${c.id}=s88` } } },
            contentDetails: { relatedPlaylists: { likes: '', uploads: `UU${c.id.slice(2)}` } },
          })),
        },
      }
    })

    s.route('GET', '/youtube/v3/videoCategories', (request) => {
      const denied = this.#auth(request) ?? this.#checkQuery(request, '/youtube/v3/videoCategories')
      if (denied) return denied
      if (!request.query.get('part') || (!request.query.get('regionCode') && !request.query.get('id'))) {
        return googleError(400, 'part and regionCode or id are required', 'missingRequiredParameter')
      }
      return {
        json: {
          kind: 'youtube#videoCategoryListResponse',
          items: VIDEO_CATEGORIES.map(([id, title, assignable]) => ({ kind: 'youtube#videoCategory', id, snippet: { title, assignable, channelId: 'UCBR8-60-B28hp2BmDPdntcQ' } })),
        },
      }
    })

    s.route('GET', '/youtube/v3/videos', (request) => {
      const denied = this.#auth(request) ?? this.#checkQuery(request, '/youtube/v3/videos')
      if (denied) return denied
      const parts = (request.query.get('part') ?? '').split(',')
      const ids = (request.query.get('id') ?? '').split(',').filter(Boolean)
      if (!parts[0] || !ids.length) return googleError(400, 'part and id are required', 'missingRequiredParameter')
      if (ids.length > 50) return googleError(400, 'At most 50 ids', 'invalidParameter')
      const found = ids.map((id) => this.#videos.get(id)).filter((v): v is Video => !!v)
      const items = found.map((video) => this.#videoJson(video, parts))
      // Processing moves on one step each time the owner looks.
      if (parts.includes('processingDetails')) for (const video of found) if (video.pollsLeft > 0) video.pollsLeft--
      return { json: { kind: 'youtube#videoListResponse', items, pageInfo: { totalResults: items.length, resultsPerPage: items.length } } }
    })

    s.route('GET', '/youtube/v3/playlistItems', (request) => {
      const denied = this.#auth(request) ?? this.#checkQuery(request, '/youtube/v3/playlistItems')
      if (denied) return denied
      const channel = CHANNELS.find((c) => `UU${c.id.slice(2)}` === request.query.get('playlistId'))
      if (!channel) return googleError(404, 'The playlist identified with the request\'s playlistId parameter cannot be found.', 'playlistNotFound')
      const max = Math.min(Number(request.query.get('maxResults') ?? 5), 50)
      const videos = [...this.#videos.values()].filter((v) => v.channelId === channel.id).reverse().slice(0, max)
      return {
        json: {
          kind: 'youtube#playlistItemListResponse',
          items: videos.map((v) => ({
            kind: 'youtube#playlistItem',
            snippet: { title: v.title, description: v.text, publishedAt: v.publishedAt, channelId: v.channelId, resourceId: { kind: 'youtube#video', videoId: v.id } },
            contentDetails: { videoId: v.id, videoPublishedAt: v.publishedAt },
          })),
        },
      }
    })
  }

  /** The Video resource rules FLOW.md lists, on top of the schema. */
  #resourceProblem(resource: any): string | null {
    const title = resource?.snippet?.title
    if (typeof title !== 'string' || !title.trim()) return 'snippet.title is required'
    if ([...title].length > 100 || /[<>]/.test(title)) return 'snippet.title is longer than 100 characters or holds < >'
    const description = resource.snippet.description ?? ''
    if (countUtf8Bytes(description) > 5000 || /[<>]/.test(description)) return 'snippet.description is longer than 5000 bytes or holds < >'
    const tags: string[] = resource.snippet.tags ?? []
    if (tags.reduce((n, t) => n + t.length + (t.includes(' ') ? 2 : 0), 0) + Math.max(0, tags.length - 1) > 500) return 'snippet.tags exceed 500 characters'
    const status = resource.status ?? {}
    if (!['public', 'unlisted', 'private'].includes(status.privacyStatus)) return 'status.privacyStatus is required'
    if (status.publishAt && status.privacyStatus !== 'private') return 'status.publishAt requires privacyStatus private'
    if (typeof status.selfDeclaredMadeForKids !== 'boolean') return 'status.selfDeclaredMadeForKids must be set'
    return null
  }

  #uploadRoutes() {
    const s = this.server
    s.route('POST', '/upload/youtube/v3/videos', (request) => {
      const denied = this.#auth(request)
      if (denied) return denied
      if (request.query.get('uploadType') !== 'resumable') return googleError(400, 'uploadType=resumable expected', 'badRequest')
      const parts = (request.query.get('part') ?? '').split(',')
      if (!parts.includes('snippet') || !parts.includes('status')) return googleError(400, 'part must name snippet and status', 'invalidPart')
      const problems = spec.validateBody('POST', '/youtube/v3/videos', 'application/octet-stream', request.body)
      const invalid = problems.length ? problems.join('; ') : this.#resourceProblem(request.body)
      if (invalid) return googleError(400, invalid, 'invalidVideoMetadata')
      const total = Number(request.headers['x-upload-content-length'])
      const type = String(request.headers['x-upload-content-type'] ?? '')
      if (!Number.isInteger(total) || total <= 0 || !/^video\/|^application\/octet-stream$/.test(type)) return googleError(400, 'X-Upload-Content-Length and a video X-Upload-Content-Type are required', 'badRequest')
      const id = randomBytes(12).toString('base64url')
      // The token is the channel's identity: the video goes to the channel chosen at consent.
      this.#sessions.set(id, { channelId: this.oauth.channelOf(request.bearer!)!, resource: request.body, total, type, received: 0, videoId: null })
      return { status: 200, headers: { location: `${s.baseUrl}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status&upload_id=${id}` }, text: '' }
    })

    s.route('PUT', '/upload/youtube/v3/videos', (request) => {
      const session = this.#sessions.get(request.query.get('upload_id') ?? '')
      if (!session) return googleError(404, 'Upload session not found', 'notFound')
      const range = String(request.headers['content-range'] ?? '')
      const status = /^bytes \*\/(\d+)$/.exec(range)
      if (status) return this.#uploadState(session)
      const chunk = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range)
      if (!chunk || Number(chunk[3]) !== session.total) return googleError(400, 'Content-Range is malformed', 'badContent')
      const [first, last] = [Number(chunk[1]), Number(chunk[2])]
      if (first !== session.received) return this.#uploadState(session)
      if (request.rawBody.length !== last - first + 1) return googleError(400, 'Content-Range does not match the body', 'badContent')
      const final = last + 1 === session.total
      if (!final && request.rawBody.length % CHUNK_UNIT !== 0) return googleError(400, 'Chunks must be multiples of 256 KiB', 'badContent')
      let kept = request.rawBody.length
      if (this.keepAtMost !== null && kept > this.keepAtMost) kept = this.keepAtMost
      session.received += kept
      if (session.received === session.total && !session.videoId) {
        this.#createVideo(session)
        if (this.loseFinalAnswer) {
          this.loseFinalAnswer = false
          return new Promise<FakeReply>(() => {})
        }
      }
      return this.#uploadState(session)
    })
  }

  #createVideo(session: Session) {
    const id = randomBytes(8).toString('base64url').slice(0, 11)
    const video: Video = {
      id,
      channelId: session.channelId,
      title: session.resource.snippet.title,
      text: session.resource.snippet.description ?? '',
      media: [{ kind: 'video', altText: null }],
      resource: session.resource,
      publishedAt: new Date().toISOString(),
      pollsLeft: this.processingPolls,
      statistics: { viewCount: '0', likeCount: '0', commentCount: '0', favoriteCount: '0' },
    }
    this.#videos.set(id, video)
    session.videoId = id
  }

  #uploadState(session: Session): FakeReply {
    if (session.videoId) return { status: 201, json: this.#videoJson(this.#videos.get(session.videoId)!, ['snippet', 'status']) }
    return { status: 308, headers: session.received ? { range: `bytes=0-${session.received - 1}` } : {}, text: '' }
  }
}

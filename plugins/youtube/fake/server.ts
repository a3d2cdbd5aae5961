import type { PostMetrics } from '#sdk'
import { FakeServer, type FakeReply, type FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork } from '#sdk/testing/fake_network'
import { OAuthFakeNetwork } from '#sdk/testing/fake_oauth'
import { FakeYouTubeComments } from './comments.js'
import { CLIENT_ID, CLIENT_SECRET, FakeGoogleOAuth } from './oauth.js'
import { googleError, unknownQuery } from './replies.js'
import { FakeResumableUploads, videoJson, type Video } from './uploads.js'

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

/**
 * YouTube in miniature: Google OAuth (oauth.ts) with the consent screen's channel chooser (two
 * channels on one Google identity; a token acts for the one chosen, `chooseChannelAtConsent`),
 * channels.list mine=true naming that channel, the resumable upload protocol of FLOW.md (uploads.ts: session via Location header,
 * Content-Range chunks of 256 KiB multiples, 308 + Range, status queries), processing that
 * advances one step per videos.list read, the uploads playlist and statistics. The Video
 * resource sent when opening a session is validated against the discovery-derived OpenAPI
 * document, and list calls accept only the query names it documents. commentThreads (comments.ts)
 * keep the comments under a video.
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

  #videos = new Map<string, Video>()
  #nextComment = 1
  comments = new FakeYouTubeComments({
    denied: (request) => this.#auth(request),
    hasScope: (token, scope) => this.oauth.hasScope(token, scope),
    channelOf: (token) => this.oauth.channelOf(token)!,
    videos: this.#videos,
    newId: () => `Pistache${String(this.#nextComment++).padStart(8, '0')}AaABAg`,
  })
  #uploads = new FakeResumableUploads(
    {
      denied: (request) => this.#auth(request),
      channelOf: (token) => this.oauth.channelOf(token)!,
      processingPolls: () => this.processingPolls,
      keepAtMost: () => this.keepAtMost,
      takeLoseFinalAnswer: () => {
        if (!this.loseFinalAnswer) return false
        this.loseFinalAnswer = false
        return true
      },
    },
    this.#videos
  )

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
    fake.#uploads.routes(fake.server)
    fake.comments.routes(fake.server)
    await fake.server.start()
    return fake
  }

  /** A video, or a comment (with the video it sits under). */
  storedPost(id: string) {
    return this.#videos.get(id) ?? this.comments.store.get(id)
  }

  /** A video with its channel. */
  video(id: string) {
    return this.#videos.get(id)
  }

  /** The comments under a video, oldest first: a first comment's linkage is checked here. */
  commentsOn(videoId: string) {
    return this.comments.store.on(videoId)
  }

  setMetrics(id: string, figures: Partial<PostMetrics>) {
    const video = this.#videos.get(id)
    if (!video) throw new Error(`no video ${id}`)
    video.statistics = {
      viewCount: String(figures.views ?? 0),
      likeCount: String(figures.likes ?? 0),
      commentCount: String(figures.comments ?? 0),
      favoriteCount: '0',
    }
  }

  close() {
    return this.server.close()
  }

  #auth(request: FakeRequest): FakeReply | null {
    return request.bearer && this.isTokenValid(request.bearer)
      ? null
      : googleError(401, 'Request had invalid authentication credentials.', 'authError')
  }

  #listRoutes() {
    const s = this.server
    s.route('GET', '/youtube/v3/channels', (request) => {
      const denied = this.#auth(request) ?? unknownQuery(request, '/youtube/v3/channels')
      if (denied) return denied
      if (request.query.get('mine') !== 'true' || !request.query.get('part'))
        return googleError(400, 'part and a filter are required', 'missingRequiredParameter')
      // mine=true: the one channel the token acts for, as Google answers.
      const mine = CHANNELS.filter((c) => c.id === this.oauth.channelOf(request.bearer!))
      return {
        json: {
          kind: 'youtube#channelListResponse',
          pageInfo: { totalResults: mine.length, resultsPerPage: 50 },
          items: mine.map((c) => ({
            kind: 'youtube#channel',
            id: c.id,
            snippet: {
              title: c.title,
              customUrl: c.customUrl,
              thumbnails: { default: { url: `https://yt3.ggpht.com/${c.id}=s88` } },
            },
            contentDetails: { relatedPlaylists: { likes: '', uploads: `UU${c.id.slice(2)}` } },
          })),
        },
      }
    })

    s.route('GET', '/youtube/v3/videoCategories', (request) => {
      const denied = this.#auth(request) ?? unknownQuery(request, '/youtube/v3/videoCategories')
      if (denied) return denied
      if (
        !request.query.get('part') ||
        (!request.query.get('regionCode') && !request.query.get('id'))
      ) {
        return googleError(
          400,
          'part and regionCode or id are required',
          'missingRequiredParameter'
        )
      }
      return {
        json: {
          kind: 'youtube#videoCategoryListResponse',
          items: VIDEO_CATEGORIES.map(([id, title, assignable]) => ({
            kind: 'youtube#videoCategory',
            id,
            snippet: { title, assignable, channelId: 'UCBR8-60-B28hp2BmDPdntcQ' },
          })),
        },
      }
    })

    s.route('GET', '/youtube/v3/videos', (request) => {
      const denied = this.#auth(request) ?? unknownQuery(request, '/youtube/v3/videos')
      if (denied) return denied
      const parts = (request.query.get('part') ?? '').split(',')
      const ids = (request.query.get('id') ?? '').split(',').filter(Boolean)
      if (!parts[0] || !ids.length)
        return googleError(400, 'part and id are required', 'missingRequiredParameter')
      if (ids.length > 50) return googleError(400, 'At most 50 ids', 'invalidParameter')
      const found = ids.map((id) => this.#videos.get(id)).filter((v): v is Video => !!v)
      const items = found.map((video) => videoJson(video, parts))
      // Processing moves on one step each time the owner looks.
      if (parts.includes('processingDetails'))
        for (const video of found) if (video.pollsLeft > 0) video.pollsLeft--
      return {
        json: {
          kind: 'youtube#videoListResponse',
          items,
          pageInfo: { totalResults: items.length, resultsPerPage: items.length },
        },
      }
    })

    s.route('GET', '/youtube/v3/playlistItems', (request) => {
      const denied = this.#auth(request) ?? unknownQuery(request, '/youtube/v3/playlistItems')
      if (denied) return denied
      const channel = CHANNELS.find((c) => `UU${c.id.slice(2)}` === request.query.get('playlistId'))
      if (!channel)
        return googleError(
          404,
          "The playlist identified with the request's playlistId parameter cannot be found.",
          'playlistNotFound'
        )
      const max = Math.min(Number(request.query.get('maxResults') ?? 5), 50)
      const videos = [...this.#videos.values()]
        .filter((v) => v.channelId === channel.id)
        .reverse()
        .slice(0, max)
      return {
        json: {
          kind: 'youtube#playlistItemListResponse',
          items: videos.map((v) => ({
            kind: 'youtube#playlistItem',
            snippet: {
              title: v.title,
              description: v.text,
              publishedAt: v.publishedAt,
              channelId: v.channelId,
              resourceId: { kind: 'youtube#video', videoId: v.id },
            },
            contentDetails: { videoId: v.id, videoPublishedAt: v.publishedAt },
          })),
        },
      }
    })
  }
}

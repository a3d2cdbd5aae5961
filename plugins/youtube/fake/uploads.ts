import { randomBytes } from 'node:crypto'
import { countUtf8Bytes } from '#sdk'
import type { FakeReply, FakeRequest, FakeServer } from '#sdk/testing/fake_server'
import type { StoredPost } from '#sdk/testing/fake_network'
import { googleError, spec } from './replies.js'

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

export interface Video extends StoredPost {
  id: string
  channelId: string
  title: string
  resource: any
  publishedAt: string
  pollsLeft: number
  statistics: { viewCount: string; likeCount: string; commentCount: string; favoriteCount: string }
}

/** The Video resource as videos.list (and the completing upload) return it, with the parts asked for. */
export function videoJson(video: Video, parts: string[]) {
  const processing = video.pollsLeft > 0 ? 'processing' : 'succeeded'
  return {
    kind: 'youtube#video',
    id: video.id,
    ...(parts.includes('snippet')
      ? {
          snippet: {
            ...video.resource.snippet,
            channelId: video.channelId,
            publishedAt: video.publishedAt,
          },
        }
      : {}),
    ...(parts.includes('status')
      ? {
          status: {
            ...video.resource.status,
            uploadStatus: processing === 'succeeded' ? 'processed' : 'uploaded',
          },
        }
      : {}),
    ...(parts.includes('processingDetails')
      ? { processingDetails: { processingStatus: processing } }
      : {}),
    ...(parts.includes('statistics') ? { statistics: video.statistics } : {}),
  }
}

/** The Video resource rules FLOW.md lists, on top of the schema. */
function resourceProblem(resource: any): string | null {
  const title = resource?.snippet?.title
  if (typeof title !== 'string' || !title.trim()) return 'snippet.title is required'
  if ([...title].length > 100 || /[<>]/.test(title))
    return 'snippet.title is longer than 100 characters or holds < >'
  const description = resource.snippet.description ?? ''
  if (countUtf8Bytes(description) > 5000 || /[<>]/.test(description))
    return 'snippet.description is longer than 5000 bytes or holds < >'
  const tags: string[] = resource.snippet.tags ?? []
  if (
    tags.reduce((n, t) => n + t.length + (t.includes(' ') ? 2 : 0), 0) +
      Math.max(0, tags.length - 1) >
    500
  )
    return 'snippet.tags exceed 500 characters'
  const status = resource.status ?? {}
  if (!['public', 'unlisted', 'private'].includes(status.privacyStatus))
    return 'status.privacyStatus is required'
  if (status.publishAt && status.privacyStatus !== 'private')
    return 'status.publishAt requires privacyStatus private'
  if (typeof status.selfDeclaredMadeForKids !== 'boolean')
    return 'status.selfDeclaredMadeForKids must be set'
  return null
}

/** What the uploads need from the YouTube fake (its test knobs are read at each request). */
export interface UploadHost {
  /** The bearer-token check; null when the call may go on. */
  denied(request: FakeRequest): FakeReply | null
  /** The channel a valid token acts for. */
  channelOf(token: string): string
  processingPolls(): number
  keepAtMost(): number | null
  /** True once when the completing PUT should create the video and never answer (the knob is reset). */
  takeLoseFinalAnswer(): boolean
}

/**
 * The resumable upload protocol of FLOW.md: a session opened with the Video resource (Location
 * header), Content-Range chunks of 256 KiB multiples answered 308 + Range, status queries, and
 * the video created in `videos` when the last byte arrives.
 */
export class FakeResumableUploads {
  #sessions = new Map<string, Session>()

  constructor(
    private host: UploadHost,
    private videos: Map<string, Video>
  ) {}

  routes(s: FakeServer) {
    s.route('POST', '/upload/youtube/v3/videos', (request) => {
      const denied = this.host.denied(request)
      if (denied) return denied
      if (request.query.get('uploadType') !== 'resumable')
        return googleError(400, 'uploadType=resumable expected', 'badRequest')
      const parts = (request.query.get('part') ?? '').split(',')
      if (!parts.includes('snippet') || !parts.includes('status'))
        return googleError(400, 'part must name snippet and status', 'invalidPart')
      const problems = spec.validateBody(
        'POST',
        '/youtube/v3/videos',
        'application/octet-stream',
        request.body
      )
      const invalid = problems.length ? problems.join('; ') : resourceProblem(request.body)
      if (invalid) return googleError(400, invalid, 'invalidVideoMetadata')
      const total = Number(request.headers['x-upload-content-length'])
      const type = String(request.headers['x-upload-content-type'] ?? '')
      if (
        !Number.isInteger(total) ||
        total <= 0 ||
        !/^video\/|^application\/octet-stream$/.test(type)
      )
        return googleError(
          400,
          'X-Upload-Content-Length and a video X-Upload-Content-Type are required',
          'badRequest'
        )
      const id = randomBytes(12).toString('base64url')
      // The token is the channel's identity: the video goes to the channel chosen at consent.
      this.#sessions.set(id, {
        channelId: this.host.channelOf(request.bearer!),
        resource: request.body,
        total,
        type,
        received: 0,
        videoId: null,
      })
      return {
        status: 200,
        headers: {
          location: `${s.baseUrl}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status&upload_id=${id}`,
        },
        text: '',
      }
    })

    s.route('PUT', '/upload/youtube/v3/videos', (request) => {
      const session = this.#sessions.get(request.query.get('upload_id') ?? '')
      if (!session) return googleError(404, 'Upload session not found', 'notFound')
      const range = String(request.headers['content-range'] ?? '')
      const status = /^bytes \*\/(\d+)$/.exec(range)
      if (status) return this.#uploadState(session)
      const chunk = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range)
      if (!chunk || Number(chunk[3]) !== session.total)
        return googleError(400, 'Content-Range is malformed', 'badContent')
      const [first, last] = [Number(chunk[1]), Number(chunk[2])]
      if (first !== session.received) return this.#uploadState(session)
      if (request.rawBody.length !== last - first + 1)
        return googleError(400, 'Content-Range does not match the body', 'badContent')
      const final = last + 1 === session.total
      if (!final && request.rawBody.length % CHUNK_UNIT !== 0)
        return googleError(400, 'Chunks must be multiples of 256 KiB', 'badContent')
      let kept = request.rawBody.length
      const keepAtMost = this.host.keepAtMost()
      if (keepAtMost !== null && kept > keepAtMost) kept = keepAtMost
      session.received += kept
      if (session.received === session.total && !session.videoId) {
        this.#createVideo(session)
        if (this.host.takeLoseFinalAnswer()) return new Promise<FakeReply>(() => {})
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
      pollsLeft: this.host.processingPolls(),
      statistics: { viewCount: '0', likeCount: '0', commentCount: '0', favoriteCount: '0' },
    }
    this.videos.set(id, video)
    session.videoId = id
  }

  #uploadState(session: Session): FakeReply {
    if (session.videoId)
      return {
        status: 201,
        json: videoJson(this.videos.get(session.videoId)!, ['snippet', 'status']),
      }
    return {
      status: 308,
      headers: session.received ? { range: `bytes=0-${session.received - 1}` } : {},
      text: '',
    }
  }
}

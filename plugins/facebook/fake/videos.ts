import { randomBytes } from 'node:crypto'
import type { FakeReply, FakeRequest, FakeServer } from '#sdk/testing/fake_server'
import { APP_ID, type FakeFacebookLogin } from '../../_meta/fake/facebook_login.js'
import { graphError, graphTime } from '../../_meta/fake/graph_replies.js'

interface Upload {
  length: number
  bytes: number
  handle: string | null
}

interface Video {
  id: string
  pageId: string
  description: string
  pollsLeft: number
  postId: string | null
}

/** What the videos need from the Page fake. */
export interface VideoHost {
  login: FakeFacebookLogin
  /** Status reads a video needs before it is ready and published (tests may change it). */
  processingPolls(): number
  /** A Page-token check plus the codegen check of the `videos` edge; null when the call may go on. */
  deniedVideoCall(request: FakeRequest): FakeReply | null
  newId(): string
  /** The feed post a processed video becomes; returns its id. */
  postVideo(pageId: string, description: string): string
}

/**
 * Page video after facebook/FLOW.md "Video (current way)": the Resumable Upload API (a session on
 * the app, then bytes sent with the USER token at `file_offset`) and Page videos that process over
 * a few status reads, then become a feed post.
 */
export class FakePageVideos {
  #uploads = new Map<string, Upload>()
  #videos = new Map<string, Video>()

  constructor(private host: VideoHost) {}

  routes(s: FakeServer) {
    s.route('POST', '/:ver/:app/uploads', (request) => {
      const auth = this.host.login.authenticate(request, ['user'])
      if (!('record' in auth)) return auth
      if (request.params.app !== APP_ID) return graphError('(#100) Invalid application id', 100)
      const length = Number(request.query.get('file_length'))
      if (!Number.isInteger(length) || length <= 0 || !request.query.get('file_type'))
        return graphError('(#100) file_length and file_type are required', 100)
      const id = `upload:${randomBytes(12).toString('base64url')}`
      this.#uploads.set(id, { length, bytes: 0, handle: null })
      return { json: { id } }
    })

    s.route('POST', '/:ver/:node/videos', (request) => {
      const denied = this.host.deniedVideoCall(request)
      if (denied) return denied
      const handle = request.body.fbuploader_video_file_chunk
      const upload = [...this.#uploads.values()].find(
        (candidate) => candidate.handle && candidate.handle === handle
      )
      if (!upload) return graphError('(#100) The video file handle is invalid or incomplete', 100)
      const video: Video = {
        id: this.host.newId(),
        pageId: request.params.node,
        description: String(request.body.description ?? ''),
        pollsLeft: this.host.processingPolls(),
        postId: null,
      }
      this.#videos.set(video.id, video)
      return { json: { id: video.id } }
    })
  }

  /** The Resumable Upload API's transfer (POST /{session}): `file_offset` must be where the session got to. */
  uploadBytes(request: FakeRequest): FakeReply {
    const upload = this.#uploads.get(request.params.node)
    if (!upload)
      return graphError(
        `(#100) Unsupported post request. Object with ID '${request.params.node}' does not exist`,
        100
      )
    if (!String(request.headers.authorization ?? '').startsWith('OAuth '))
      return graphError('(#102) The upload wants Authorization: OAuth <user token>', 102)
    const auth = this.host.login.authenticate(request, ['user'])
    if (!('record' in auth)) return auth
    if (Number(request.headers.file_offset) !== upload.bytes)
      return graphError(`(#100) file_offset must be ${upload.bytes}`, 100)
    upload.bytes += request.rawBody.length
    if (upload.bytes > upload.length) return graphError('(#100) More bytes than file_length', 100)
    if (upload.bytes === upload.length)
      upload.handle ??= `4::${randomBytes(16).toString('base64url')}`
    return { json: upload.handle ? { h: upload.handle } : { file_offset: upload.bytes } }
  }

  /** GET /{session}: where a broken transfer resumes; null when `id` is no upload session. */
  readUpload(request: FakeRequest, id: string): FakeReply | null {
    const upload = this.#uploads.get(id)
    if (!upload) return null
    const auth = this.host.login.authenticate(request, ['user'])
    return 'record' in auth ? { json: { id, file_offset: upload.bytes } } : auth
  }

  /** GET /{video} (caller authenticated): each read moves processing along; when done the video's feed post exists. */
  readVideo(id: string): FakeReply | null {
    const video = this.#videos.get(id)
    if (!video) return null
    if (video.pollsLeft > 0) video.pollsLeft--
    const ready = video.pollsLeft === 0
    if (ready && !video.postId) video.postId = this.host.postVideo(video.pageId, video.description)
    return {
      json: {
        id,
        ...(video.postId ? { post_id: video.postId } : {}),
        status: {
          video_status: ready ? 'ready' : 'processing',
          processing_progress: ready ? 100 : 50,
          uploading_phase: { status: 'complete' },
          processing_phase: { status: ready ? 'complete' : 'in_progress' },
          publishing_phase: ready
            ? {
                status: 'complete',
                publish_status: 'published',
                publish_time: graphTime(new Date()),
              }
            : { status: 'not_started' },
        },
      },
    }
  }
}

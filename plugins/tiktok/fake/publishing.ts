import { randomBytes } from 'node:crypto'
import type { FakeReply, FakeRequest, FakeServer } from '#sdk/testing/fake_server'
import type { StoredPost } from '#sdk/testing/fake_network'
import { answer, apiError, invalid } from './replies.js'
import type { TikTokVideos } from './videos.js'

const MB = 1024 * 1024

export interface Publish {
  id: string
  kind: 'video' | 'photo'
  inbox: boolean
  postInfo: Record<string, any>
  videoSize: number
  chunkSize: number
  totalChunks: number
  received: number
  photoUrls: string[]
  /** Status polls left before processing ends, counted once the bytes are all in. */
  pollsLeft: number
  status:
    | 'PROCESSING_UPLOAD'
    | 'PROCESSING_DOWNLOAD'
    | 'SEND_TO_USER_INBOX'
    | 'PUBLISH_COMPLETE'
    | 'FAILED'
  failReason?: string
  postId?: string
  token: string
}

/** What publishing needs from the TikTok fake (read on each call: tests change the settings). */
export interface PublishHost {
  baseUrl(): string
  /** The bearer and scope check; null when the call may go on. */
  guard(request: FakeRequest, scope: string): FakeReply | null
  processingPolls(): number
  privacyLevelOptions(): string[]
  /** Next id from the counter shared by publish ids and video ids. */
  nextId(): bigint
  videos: TikTokVideos
}

/** JPEG (FF D8 FF) or WebP (RIFF….WEBP): the only photo formats TikTok takes. */
function isJpegOrWebp(bytes: Uint8Array) {
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
  const webp =
    Buffer.from(bytes.subarray(0, 4)).toString('latin1') === 'RIFF' &&
    Buffer.from(bytes.subarray(8, 12)).toString('latin1') === 'WEBP'
  return jpeg || webp
}

/**
 * The Content Posting API's publishes: direct and inbox video init with chunked FILE_UPLOAD
 * (chunk rules and Content-Range checked), photo posts pulled from URLs (fetched and checked to
 * be JPEG/WebP), and status polling that advances one step per poll.
 */
export class TikTokPublishing {
  #publishes = new Map<string, Publish>()

  constructor(private host: PublishHost) {}

  routes(s: FakeServer) {
    s.route('POST', '/v2/post/publish/video/init/', (request) => this.#initVideo(request, false))
    s.route('POST', '/v2/post/publish/inbox/video/init/', (request) =>
      this.#initVideo(request, true)
    )
    s.route('POST', '/v2/post/publish/content/init/', (request) => this.#initPhotos(request))
    s.route('PUT', '/upload/:publishId', (request) => this.#receiveChunk(request))
    s.route('POST', '/v2/post/publish/status/fetch/', (request) => this.#status(request))
  }

  record(publishId: string) {
    return this.#publishes.get(publishId)
  }

  /** Every publish whose bytes are in finishes processing, polled or not. */
  async settle() {
    for (const publish of this.#publishes.values()) {
      const uploaded = publish.kind === 'photo' || publish.received === publish.videoSize
      if (uploaded && publish.pollsLeft > 0) {
        publish.pollsLeft = 0
        await this.#finish(publish)
      }
    }
  }

  #checkPostInfo(info: Record<string, any> | undefined): FakeReply | null {
    if (!info?.privacy_level) return invalid('post_info.privacy_level is required')
    if (!this.host.privacyLevelOptions().includes(info.privacy_level))
      return apiError(
        400,
        'privacy_level_option_mismatch',
        "privacy_level is not one of the creator's options"
      )
    if ((info.title ?? '').length > 2200) return invalid('post_info.title is too long')
    return null
  }

  #initVideo(request: FakeRequest, inbox: boolean): FakeReply {
    const denied = this.host.guard(request, inbox ? 'video.upload' : 'video.publish')
    if (denied) return denied
    const { post_info: info, source_info: source } = request.body
    if (!inbox) {
      const wrong = this.#checkPostInfo(info)
      if (wrong) return wrong
    } else if (info) return invalid('inbox uploads take source_info only')
    if (source?.source !== 'FILE_UPLOAD')
      return invalid('this fake supports source FILE_UPLOAD only for videos')
    const size = Number(source.video_size)
    const chunk = Number(source.chunk_size)
    const count = Number(source.total_chunk_count)
    if (!(size > 0) || !(chunk > 0) || !(count >= 1))
      return invalid('video_size, chunk_size and total_chunk_count are required')
    if (
      size < 5 * MB
        ? count !== 1 || chunk !== size
        : chunk < 5 * MB || chunk > 64 * MB || count !== Math.floor(size / chunk) || count > 1000
    ) {
      return invalid('The chunk_size or total_chunk_count does not follow the media transfer rules')
    }
    const id = `v_${inbox ? 'inbox' : 'pub'}_file~v2-1.${this.host.nextId()}`
    this.#publishes.set(id, {
      id,
      kind: 'video',
      inbox,
      postInfo: info ?? {},
      videoSize: size,
      chunkSize: chunk,
      totalChunks: count,
      received: 0,
      photoUrls: [],
      pollsLeft: this.host.processingPolls(),
      status: 'PROCESSING_UPLOAD',
      token: request.bearer!,
    })
    return answer({
      publish_id: id,
      upload_url: `${this.host.baseUrl()}/upload/${encodeURIComponent(id)}?upload_token=${randomBytes(8).toString('hex')}`,
    })
  }

  #initPhotos(request: FakeRequest): FakeReply {
    const inbox = request.body.post_mode === 'MEDIA_UPLOAD'
    const denied = this.host.guard(request, inbox ? 'video.upload' : 'video.publish')
    if (denied) return denied
    const { post_info: info, source_info: source, media_type: type, post_mode: mode } = request.body
    if (type !== 'PHOTO' || !['DIRECT_POST', 'MEDIA_UPLOAD'].includes(mode))
      return invalid('media_type PHOTO and post_mode DIRECT_POST or MEDIA_UPLOAD are required')
    if (!inbox) {
      const wrong = this.#checkPostInfo({ ...info, title: '' })
      if (wrong) return wrong
    }
    if ((info?.title ?? '').length > 90 || (info?.description ?? '').length > 4000)
      return invalid('photo title or description is too long')
    const urls: string[] = source?.photo_images ?? []
    if (source?.source !== 'PULL_FROM_URL' || !urls.length || urls.length > 35)
      return invalid('photo posts need PULL_FROM_URL with 1 to 35 photo_images')
    const id = `p_${inbox ? 'inbox' : 'pub'}_url~v2.${this.host.nextId()}`
    this.#publishes.set(id, {
      id,
      kind: 'photo',
      inbox,
      postInfo: info ?? {},
      videoSize: 0,
      chunkSize: 0,
      totalChunks: 0,
      received: 0,
      photoUrls: urls,
      pollsLeft: this.host.processingPolls(),
      status: 'PROCESSING_DOWNLOAD',
      token: request.bearer!,
    })
    return answer({ publish_id: id })
  }

  #receiveChunk(request: FakeRequest): FakeReply {
    const publish = this.#publishes.get(request.params.publishId)
    if (!publish || publish.kind !== 'video') return { status: 404, text: 'unknown upload' }
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(request.headers['content-range'] ?? ''))
    if (!range) return { status: 400, text: 'Content-Range is required' }
    const [first, last, total] = range.slice(1).map(Number)
    const index = Math.floor(first / publish.chunkSize)
    const isLast = index === publish.totalChunks - 1
    const expectedLast = isLast ? publish.videoSize - 1 : first + publish.chunkSize - 1
    if (!/^video\/(mp4|quicktime|webm)$/.test(String(request.headers['content-type'])))
      return { status: 400, text: 'unsupported Content-Type' }
    if (
      total !== publish.videoSize ||
      first !== publish.received ||
      last !== expectedLast ||
      request.rawBody.length !== last - first + 1
    ) {
      return { status: 416, text: 'Content-Range does not match the next expected chunk' }
    }
    publish.received = last + 1
    return { status: publish.received === publish.videoSize ? 201 : 206 }
  }

  async #status(request: FakeRequest): Promise<FakeReply> {
    const denied = this.host.guard(request, 'video.upload')
    if (denied) return denied
    const publish = this.#publishes.get(String(request.body.publish_id ?? ''))
    if (!publish || publish.token !== request.bearer) return invalid('publish_id not found')
    const uploaded = publish.kind === 'photo' || publish.received === publish.videoSize
    if (uploaded && publish.pollsLeft > 0 && --publish.pollsLeft === 0) await this.#finish(publish)
    const reply = answer({
      status: publish.status,
      ...(publish.failReason ? { fail_reason: publish.failReason } : {}),
      publicaly_available_post_id: publish.postId ? ['__POST_ID__'] : [],
      uploaded_bytes: publish.received,
      downloaded_bytes: 0,
    })
    // TikTok sends the post id as a bare int64, beyond what a JS number holds exactly.
    const text = JSON.stringify(reply.json).replace('"__POST_ID__"', publish.postId ?? '')
    return { text, headers: { 'content-type': 'application/json; charset=utf-8' } }
  }

  /** Processing is over: the photos are fetched (as TikTok does) and the post or draft made. */
  async #finish(publish: Publish) {
    const media: StoredPost['media'] = []
    if (publish.kind === 'photo') {
      for (const url of publish.photoUrls) {
        const bytes = await fetch(url)
          .then(async (response) =>
            response.ok ? new Uint8Array(await response.arrayBuffer()) : null
          )
          .catch(() => null)
        if (!bytes) return this.#fail(publish, 'picture_download_failed')
        if (!isJpegOrWebp(bytes)) return this.#fail(publish, 'file_format_check_failed')
        media.push({ kind: 'image', altText: null })
      }
    } else media.push({ kind: 'video', altText: null })

    const text =
      publish.kind === 'photo'
        ? (publish.postInfo.description ?? '')
        : (publish.postInfo.title ?? '')
    if (publish.inbox) {
      publish.status = 'SEND_TO_USER_INBOX'
      this.host.videos.addDraft(publish.id, { text, media })
      return
    }
    const id = String(this.host.nextId())
    this.host.videos.add({
      id,
      text,
      media,
      title: publish.kind === 'photo' ? (publish.postInfo.title ?? '') : '',
      createTime: Math.floor(Date.now() / 1000),
      privacy: publish.postInfo.privacy_level,
      interactions: {
        disable_comment: !!publish.postInfo.disable_comment,
        disable_duet: !!publish.postInfo.disable_duet,
        disable_stitch: !!publish.postInfo.disable_stitch,
      },
      figures: { view_count: 0, like_count: 0, comment_count: 0, share_count: 0 },
    })
    publish.status = 'PUBLISH_COMPLETE'
    publish.postId = id
  }

  #fail(publish: Publish, reason: string) {
    publish.status = 'FAILED'
    publish.failReason = reason
  }
}

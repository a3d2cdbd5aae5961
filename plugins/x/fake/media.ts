import type { FakeReply, FakeRequest, FakeServer } from '#sdk/testing/fake_server'
import { badBody, invalid, unknownQuery } from './replies.js'

export interface Upload {
  type: string
  category: string
  totalBytes: number
  segments: Map<number, number>
  finalized: boolean
  /** Status polls still needed before processing succeeds (video and GIF only). */
  pollsLeft: number
  altText: string | null
}

/** What the media uploads need from the X fake (its test knobs are read at each request). */
export interface MediaHost {
  /** The bearer-token check; null when the call may go on. */
  denied(request: FakeRequest): FakeReply | null
  /** The next id, from the counter posts share. */
  newId(): string
  processingPolls(): number
  checkAfterSecs(): number
}

/**
 * X's chunked media upload: initialize, append segments (multipart), finalize, status polls
 * through a processing phase for video and GIF, and alt text set with /2/media/metadata.
 */
export class FakeMediaUploads {
  #uploads = new Map<string, Upload>()

  constructor(private host: MediaHost) {}

  /** The upload a post's media_ids names, if any. */
  get(id: string) {
    return this.#uploads.get(id)
  }

  routes(s: FakeServer) {
    s.route('POST', '/2/media/upload/initialize', (request) => {
      const denied = this.host.denied(request) ?? badBody(request, '/2/media/upload/initialize')
      if (denied) return denied
      const { media_type: type, total_bytes: totalBytes, media_category: category } = request.body
      if (!type || totalBytes === undefined)
        return invalid('media_type and total_bytes are required')
      const id = this.host.newId()
      const processed = type.startsWith('video/') || type === 'image/gif'
      this.#uploads.set(id, {
        type,
        category,
        totalBytes,
        segments: new Map(),
        finalized: false,
        pollsLeft: processed ? this.host.processingPolls() : 0,
        altText: null,
      })
      return { json: { data: { id, media_key: `7_${id}`, expires_after_secs: 86400 } } }
    })

    s.route('POST', '/2/media/upload/:id/append', (request) => {
      const denied = this.host.denied(request)
      if (denied) return denied
      const upload = this.#uploads.get(request.params.id)
      if (!upload || upload.finalized)
        return invalid(`Media id ${request.params.id} is not an open upload`)
      // Multipart fields arrive as text: the schema's integer is the number they spell.
      const file = request.files.media?.[0]
      const fields = {
        ...request.body,
        ...(file ? { media: 'binary' } : {}),
        segment_index: Number(request.body.segment_index),
      }
      const wrong = badBody(request, '/2/media/upload/{id}/append', fields, 'multipart/form-data')
      if (wrong) return wrong
      upload.segments.set(fields.segment_index, file!.bytes.length)
      return { json: { data: { expires_at: Math.floor(Date.now() / 1000) + 86400 } } }
    })

    s.route('POST', '/2/media/upload/:id/finalize', (request) => {
      const denied = this.host.denied(request)
      if (denied) return denied
      const upload = this.#uploads.get(request.params.id)
      if (!upload) return invalid(`Media id ${request.params.id} not found`)
      const received = [...upload.segments.values()].reduce((sum, n) => sum + n, 0)
      const contiguous = [...upload.segments.keys()]
        .sort((a, b) => a - b)
        .every((index, i) => index === i)
      if (received !== upload.totalBytes || !contiguous)
        return invalid('Segments do not add up to provided total file size.')
      upload.finalized = true
      return {
        json: {
          data: {
            id: request.params.id,
            media_key: `7_${request.params.id}`,
            size: received,
            expires_after_secs: 86400,
            ...this.#processing(upload),
          },
        },
      }
    })

    s.route('GET', '/2/media/upload', (request) => {
      const denied = this.host.denied(request) ?? unknownQuery(request, '/2/media/upload')
      if (denied) return denied
      const id = request.query.get('media_id') ?? ''
      const upload = this.#uploads.get(id)
      if (!upload?.finalized) return invalid(`Media id ${id} not found`)
      if (upload.pollsLeft > 0) upload.pollsLeft--
      return { json: { data: { id, media_key: `7_${id}`, ...this.#processing(upload) } } }
    })

    s.route('POST', '/2/media/metadata', (request) => {
      const denied = this.host.denied(request) ?? badBody(request, '/2/media/metadata')
      if (denied) return denied
      const upload = this.#uploads.get(request.body.id)
      if (!upload?.finalized) return invalid(`Media id ${request.body.id} not found`)
      upload.altText = request.body.metadata?.alt_text?.text ?? upload.altText
      return {
        json: { data: { id: request.body.id, associated_metadata: request.body.metadata ?? {} } },
      }
    })
  }

  #processing(upload: Upload) {
    const done = upload.pollsLeft === 0
    if (done && !upload.type.startsWith('video/') && upload.type !== 'image/gif') return {}
    return {
      processing_info: done
        ? { state: 'succeeded', progress_percent: 100 }
        : {
            state: upload.pollsLeft === this.host.processingPolls() ? 'pending' : 'in_progress',
            check_after_secs: this.host.checkAfterSecs(),
            progress_percent: 50,
          },
    }
  }
}

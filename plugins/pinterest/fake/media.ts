import type { FakeReply, FakeRequest, FakeServer } from '#sdk/testing/fake_server'
import { USER } from './account.js'
import { failure, invalidBody } from './spec_checks.js'

interface Upload {
  key: string
  status: 'registered' | 'processing' | 'succeeded' | 'failed'
  pollsLeft: number
}

/** What the media routes need from the Pinterest fake (read on each call: tests change the settings). */
export interface MediaHost {
  /** The bearer and scope check; null when the call may go on. */
  auth(request: FakeRequest, scope: string): FakeReply | null
  /** Next id from the counter shared by media and pins. */
  newId(): string
  processingPolls(): number
}

/**
 * Pin media: videos go through the registered-upload lifecycle (registered → processing →
 * succeeded, advancing per status read, bytes sent to an S3-style policy form), and images given
 * by URL are fetched the way Pinterest fetches them.
 */
export class PinterestMedia {
  #uploads = new Map<string, Upload>()

  constructor(private host: MediaHost) {}

  routes(s: FakeServer) {
    s.route('POST', '/v5/media', (request) => {
      const denied = this.host.auth(request, 'pins:write') ?? invalidBody(request, '/media')
      if (denied) return denied
      const id = this.host.newId()
      const key = `uploads/11/aa/22/3:video:${USER.id}:${id}`
      this.#uploads.set(id, { key, status: 'registered', pollsLeft: this.host.processingPolls() })
      return {
        status: 201,
        json: {
          media_id: id,
          media_type: 'video',
          upload_url: `${s.baseUrl}/pinterest-media-upload/`,
          upload_parameters: {
            'key': key,
            'policy': 'eyJleHBpcmF0aW9uIjoi',
            'x-amz-algorithm': 'AWS4-HMAC-SHA256',
            'x-amz-credential': 'ASIA/20261129/us-east-1/s3/aws4_request',
            'x-amz-date': '20261129T000000Z',
            'x-amz-signature': 'fcd6309a',
            'Content-Type': 'multipart/form-data',
          },
        },
      }
    })

    // The S3 bucket: a policy form, no Pinterest token.
    s.route('POST', '/pinterest-media-upload/', (request) => {
      const upload = [...this.#uploads.values()].find((u) => u.key === request.body.key)
      if (!upload || request.body.policy !== 'eyJleHBpcmF0aW9uIjoi')
        return { status: 403, text: '<Error><Code>AccessDenied</Code></Error>' }
      const file = request.files.file?.[0]
      if (!file?.bytes.length)
        return {
          status: 400,
          text: '<Error><Code>InvalidArgument</Code><Message>POST requires exactly one file upload per request.</Message></Error>',
        }
      upload.status = 'processing'
      return { status: 204, text: '' }
    })

    s.route('GET', '/v5/media/:id', (request) => {
      const denied = this.host.auth(request, 'pins:read')
      if (denied) return denied
      const upload = this.#uploads.get(request.params.id)
      if (!upload) return failure(404, 404, 'Media upload not found.')
      if (upload.status === 'processing' && --upload.pollsLeft <= 0) upload.status = 'succeeded'
      return { json: { media_id: request.params.id, media_type: 'video', status: upload.status } }
    })
  }

  async #fetchImage(url: string): Promise<string | null> {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) })
      const type = response.headers.get('content-type') ?? ''
      const bytes = (await response.arrayBuffer()).byteLength
      return response.ok && type.startsWith('image/') && bytes > 0
        ? null
        : `Sorry we could not fetch the image (${response.status} ${type}).`
    } catch {
      return 'Sorry we could not fetch the image.'
    }
  }

  /** Which media a media_source makes, after fetching what Pinterest would fetch. */
  async mediaOf(source: any): Promise<{ kinds: ('image' | 'video')[] } | { error: string }> {
    switch (source.source_type) {
      case 'image_url': {
        const problem = await this.#fetchImage(source.url)
        return problem ? { error: problem } : { kinds: ['image'] }
      }
      case 'multiple_image_urls': {
        for (const item of source.items) {
          const problem = await this.#fetchImage(item.url)
          if (problem) return { error: problem }
        }
        return { kinds: source.items.map(() => 'image' as const) }
      }
      case 'image_base64':
        return { kinds: ['image'] }
      case 'multiple_image_base64':
        return { kinds: source.items.map(() => 'image' as const) }
      case 'video_id': {
        const upload = this.#uploads.get(source.media_id)
        if (!upload) return { error: `Media ${source.media_id} not found.` }
        if (upload.status !== 'succeeded')
          return { error: `Media ${source.media_id} is ${upload.status}; wait for succeeded.` }
        if (
          source.cover_image_url === undefined &&
          source.cover_image_key_frame_time === undefined &&
          !source.cover_image_data
        ) {
          return { error: 'A cover image is required for video Pins.' }
        }
        return { kinds: ['video'] }
      }
      default:
        return { error: `media_source ${source.source_type} is not supported here` }
    }
  }
}

import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Ajv } from 'ajv'
import type { PostMetrics } from '#sdk'
import { FakeServer, type FakeReply, type FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork, StoredPost } from '#sdk/testing/fake_network'
import { OAuthFakeNetwork } from '#sdk/testing/fake_oauth'
import { OpenApiValidator } from '#sdk/testing/openapi_validator'
import { CLIENT_ID, CLIENT_SECRET, FakePinterestOAuth } from './oauth.js'

const specPath = fileURLToPath(new URL('./spec/openapi.json', import.meta.url))

/**
 * Known defect of the published document (SOURCE.md): the items of `metric_types` are a oneOf
 * of two enums that share IMPRESSION, SAVE…, so every standard metric matches both and fails
 * "exactly one". anyOf is what the authors meant.
 */
function fixMetricTypes(spec: any) {
  const items = spec.components.parameters.query_pin_analytics_metric_types.schema.items
  if (items.oneOf) {
    items.anyOf = items.oneOf
    delete items.oneOf
  }
}

const spec = new OpenApiValidator(specPath, fixMetricTypes)
const document = JSON.parse(readFileSync(specPath, 'utf8'))
fixMetricTypes(document)
const metricTypesValid = new Ajv({ strict: false }).compile(document.components.parameters.query_pin_analytics_metric_types.schema)

export const USER = { id: '1055245924467856937', username: 'pistacheagency', business_name: 'Pistache Agency', account_type: 'BUSINESS' }
export const BOARDS = [
  { id: '1055245855751211520', name: 'Recipes', privacy: 'PUBLIC' },
  { id: '1055245855751211777', name: 'Behind the scenes', privacy: 'SECRET' },
]
export const SECTIONS: Record<string, { id: string; name: string }[]> = { [BOARDS[0].id]: [{ id: '5001234567890123456', name: 'Desserts' }] }

interface Pin extends StoredPost {
  id: string
  boardId: string
  boardSectionId: string | null
  title: string | null
  link: string | null
  altText: string | null
  createdAt: string
  metrics: { IMPRESSION: number; SAVE: number; PIN_CLICK: number; OUTBOUND_CLICK: number; TOTAL_REACTIONS: number; TOTAL_COMMENTS: number }
}

interface Upload {
  key: string
  status: 'registered' | 'processing' | 'succeeded' | 'failed'
  pollsLeft: number
}

const failure = (status: number, code: number, message: string): FakeReply => ({ status, json: { code, message } })

/**
 * Pinterest v5 in miniature, after the official OpenAPI document in spec/ (5.23.0): request
 * bodies are validated against it (400 with Pinterest's {code, message}, as Prism showed), images
 * given by URL are fetched the way Pinterest fetches them, videos go through the registered-upload
 * lifecycle (registered → processing → succeeded, advancing per status read), and pin analytics
 * check `metric_types` against the (corrected) spec.
 */
export class FakePinterest extends OAuthFakeNetwork<FakePinterestOAuth> implements FakeNetwork {
  server = new FakeServer()
  publishPath = '^/v5/pins$'
  processingPolls = 2

  #pins = new Map<string, Pin>()
  #uploads = new Map<string, Upload>()
  #next = 1_055_245_900_000_000_000n

  get settings() {
    return {
      urls: { api: `${this.server.baseUrl}/v5`, authorize: `${this.server.baseUrl}/oauth/`, web: 'https://www.pinterest.com' },
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
    }
  }

  constructor() {
    super(new FakePinterestOAuth())
  }

  static async start() {
    const fake = new FakePinterest()
    fake.oauth.routes(fake.server, (request, path) => fake.#invalidBody(request, path, 'application/x-www-form-urlencoded'))
    fake.#accountRoutes()
    fake.#mediaRoutes()
    fake.#pinRoutes()
    await fake.server.start()
    return fake
  }

  storedPost(id: string) {
    return this.#pins.get(id)
  }

  setMetrics(id: string, figures: Partial<PostMetrics>) {
    const pin = this.#pins.get(id)
    if (!pin) throw new Error(`no pin ${id}`)
    pin.metrics = {
      IMPRESSION: figures.views ?? 0,
      SAVE: figures.saves ?? 0,
      PIN_CLICK: figures.clicks ?? 0,
      OUTBOUND_CLICK: 0,
      TOTAL_REACTIONS: figures.likes ?? 0,
      TOTAL_COMMENTS: figures.comments ?? 0,
    }
  }

  close() {
    return this.server.close()
  }

  #id() {
    return String(this.#next++)
  }

  #invalidBody(request: FakeRequest, path: string, type = 'application/json'): FakeReply | null {
    const problems = spec.validateBody(request.method, path, type, request.body)
    return problems.length ? failure(400, 1, `Invalid request body: ${problems.join('; ')}`) : null
  }

  #auth(request: FakeRequest, scope: string): FakeReply | null {
    if (!request.bearer || !this.isTokenValid(request.bearer)) return failure(401, 2, 'Authentication failed.')
    if (!this.oauth.hasScope(request.bearer, scope)) return failure(403, 3, `Missing scope ${scope}`)
    return null
  }

  #accountRoutes() {
    const s = this.server
    s.route('GET', '/v5/user_account', (request) => this.#auth(request, 'user_accounts:read') ?? { json: { ...USER, profile_image: 'https://i.pinimg.com/75x75_RS/pistache.jpg', follower_count: 812 } })

    s.route('GET', '/v5/boards', (request) => {
      const denied = this.#auth(request, 'boards:read')
      if (denied) return denied
      const pageSize = Number(request.query.get('page_size') ?? 25)
      const offset = Number(request.query.get('bookmark') ?? 0)
      const visible = BOARDS.filter((b) => b.privacy !== 'SECRET' || this.oauth.hasScope(request.bearer!, 'boards:read_secret'))
      const page = visible.slice(offset, offset + pageSize)
      const more = offset + pageSize < visible.length
      return { json: { items: page.map((b) => ({ ...b, owner: { username: USER.username } })), bookmark: more ? String(offset + pageSize) : null } }
    })

    s.route('GET', '/v5/boards/:id/sections', (request) => {
      const denied = this.#auth(request, 'boards:read')
      if (denied) return denied
      if (!BOARDS.some((b) => b.id === request.params.id)) return failure(404, 404, 'Board not found.')
      return { json: { items: SECTIONS[request.params.id] ?? [], bookmark: null } }
    })

    s.route('GET', '/v5/boards/:id/pins', (request) => {
      const denied = this.#auth(request, 'pins:read')
      if (denied) return denied
      if (!BOARDS.some((b) => b.id === request.params.id)) return failure(404, 404, 'Board not found.')
      const size = Number(request.query.get('page_size') ?? 25)
      const pins = [...this.#pins.values()].filter((pin) => pin.boardId === request.params.id).reverse().slice(0, size)
      return { json: { items: pins.map((pin) => this.#pinJson(pin)), bookmark: null } }
    })
  }

  #mediaRoutes() {
    const s = this.server
    s.route('POST', '/v5/media', (request) => {
      const denied = this.#auth(request, 'pins:write') ?? this.#invalidBody(request, '/media')
      if (denied) return denied
      const id = this.#id()
      const key = `uploads/11/aa/22/3:video:${USER.id}:${id}`
      this.#uploads.set(id, { key, status: 'registered', pollsLeft: this.processingPolls })
      return {
        status: 201,
        json: {
          media_id: id,
          media_type: 'video',
          upload_url: `${s.baseUrl}/pinterest-media-upload/`,
          upload_parameters: { 'key': key, 'policy': 'eyJleHBpcmF0aW9uIjoi', 'x-amz-algorithm': 'AWS4-HMAC-SHA256', 'x-amz-credential': 'ASIA/20261129/us-east-1/s3/aws4_request', 'x-amz-date': '20261129T000000Z', 'x-amz-signature': 'fcd6309a', 'Content-Type': 'multipart/form-data' },
        },
      }
    })

    // The S3 bucket: a policy form, no Pinterest token.
    s.route('POST', '/pinterest-media-upload/', (request) => {
      const upload = [...this.#uploads.values()].find((u) => u.key === request.body.key)
      if (!upload || request.body.policy !== 'eyJleHBpcmF0aW9uIjoi') return { status: 403, text: '<Error><Code>AccessDenied</Code></Error>' }
      const file = request.files.file?.[0]
      if (!file?.bytes.length) return { status: 400, text: '<Error><Code>InvalidArgument</Code><Message>POST requires exactly one file upload per request.</Message></Error>' }
      upload.status = 'processing'
      return { status: 204, text: '' }
    })

    s.route('GET', '/v5/media/:id', (request) => {
      const denied = this.#auth(request, 'pins:read')
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
      return response.ok && type.startsWith('image/') && bytes > 0 ? null : `Sorry we could not fetch the image (${response.status} ${type}).`
    } catch {
      return 'Sorry we could not fetch the image.'
    }
  }

  /** Which media a media_source makes, after fetching what Pinterest would fetch. */
  async #mediaOf(source: any): Promise<{ kinds: ('image' | 'video')[] } | { error: string }> {
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
        if (upload.status !== 'succeeded') return { error: `Media ${source.media_id} is ${upload.status}; wait for succeeded.` }
        if (source.cover_image_url === undefined && source.cover_image_key_frame_time === undefined && !source.cover_image_data) {
          return { error: 'A cover image is required for video Pins.' }
        }
        return { kinds: ['video'] }
      }
      default:
        return { error: `media_source ${source.source_type} is not supported here` }
    }
  }

  #pinJson(pin: Pin) {
    return {
      id: pin.id,
      created_at: pin.createdAt,
      board_id: pin.boardId,
      board_section_id: pin.boardSectionId,
      title: pin.title,
      description: pin.text || null,
      link: pin.link,
      alt_text: pin.altText,
      board_owner: { username: USER.username },
      is_owner: true,
      media: { media_type: pin.media[0]?.kind === 'video' ? 'video' : pin.media.length > 1 ? 'multiple_images' : 'image' },
    }
  }

  #pinRoutes() {
    const s = this.server
    s.route('POST', '/v5/pins', async (request) => {
      const denied = this.#auth(request, 'pins:write') ?? this.#invalidBody(request, '/pins')
      if (denied) return denied
      const body = request.body
      if (!body.board_id || !body.media_source) return failure(400, 1, 'board_id and media_source are required.')
      const board = BOARDS.find((b) => b.id === body.board_id)
      if (!board) return failure(404, 404, 'Board not found.')
      if (board.privacy === 'SECRET' && !this.oauth.hasScope(request.bearer!, 'pins:write_secret')) return failure(403, 3, 'Missing scope pins:write_secret')
      if (body.board_section_id && !(SECTIONS[board.id] ?? []).some((section) => section.id === body.board_section_id)) {
        return failure(404, 404, 'Board section not found.')
      }
      const media = await this.#mediaOf(body.media_source)
      if ('error' in media) return failure(400, 1, media.error)
      const pin: Pin = {
        id: this.#id(),
        boardId: board.id,
        boardSectionId: body.board_section_id ?? null,
        title: body.title ?? null,
        text: body.description ?? '',
        link: body.link ?? null,
        altText: body.alt_text ?? null,
        // One alt text per Pin: it describes the Pin (its first image), carousel items have none.
        media: media.kinds.map((kind, index) => ({ kind, altText: index === 0 ? (body.alt_text ?? null) : null })),
        createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        metrics: { IMPRESSION: 0, SAVE: 0, PIN_CLICK: 0, OUTBOUND_CLICK: 0, TOTAL_REACTIONS: 0, TOTAL_COMMENTS: 0 },
      }
      this.#pins.set(pin.id, pin)
      return { status: 201, json: this.#pinJson(pin) }
    })

    s.route('GET', '/v5/pins/:id/analytics', (request) => {
      const denied = this.#auth(request, 'pins:read')
      if (denied) return denied
      const pin = this.#pins.get(request.params.id)
      if (!pin) return failure(404, 404, 'Pin not found.')
      const q = request.query
      const dates = [q.get('start_date'), q.get('end_date')]
      if (!dates.every((d) => d && /^\d{4}-\d{2}-\d{2}$/.test(d))) return failure(400, 1, 'start_date and end_date (YYYY-MM-DD) are required.')
      if (Date.parse(dates[0]!) < Date.now() - 90 * 86_400_000) return failure(400, 1, 'start_date cannot be more than 90 days ago.')
      const types = (q.get('metric_types') ?? '').split(',').filter(Boolean)
      if (!types.length || !metricTypesValid(types)) return failure(400, 1, `Invalid metric_types: ${q.get('metric_types')}`)
      const summary: Record<string, number> = {}
      const lifetime: Record<string, number> = {}
      for (const type of types) {
        const value = pin.metrics[type as keyof Pin['metrics']] ?? 0
        if (type.startsWith('TOTAL_')) lifetime[type] = value
        else summary[type] = value
      }
      return { json: { all: { daily_metrics: [], summary_metrics: summary, lifetime_metrics: lifetime } } }
    })
  }
}

import type { PostMetrics } from '#sdk'
import type { FakeReply, FakeRequest, FakeServer } from '#sdk/testing/fake_server'
import type { StoredPost } from '#sdk/testing/fake_network'
import { BOARDS, SECTIONS, USER } from './account.js'
import type { PinterestMedia } from './media.js'
import { failure, invalidBody, metricTypesValid } from './spec_checks.js'

interface Pin extends StoredPost {
  id: string
  boardId: string
  boardSectionId: string | null
  title: string | null
  link: string | null
  altText: string | null
  createdAt: string
  metrics: {
    IMPRESSION: number
    SAVE: number
    PIN_CLICK: number
    OUTBOUND_CLICK: number
    TOTAL_REACTIONS: number
    TOTAL_COMMENTS: number
  }
}

/** What the pins need from the Pinterest fake. */
export interface PinHost {
  /** The bearer and scope check; null when the call may go on. */
  auth(request: FakeRequest, scope: string): FakeReply | null
  hasScope(token: string, scope: string): boolean
  /** Next id from the counter shared by media and pins. */
  newId(): string
  media: PinterestMedia
}

/** Pins: creation on a board (section, media source, secret-board scope checked) and pin analytics. */
export class PinterestPins {
  #pins = new Map<string, Pin>()

  constructor(private host: PinHost) {}

  get(id: string) {
    return this.#pins.get(id)
  }

  /** The newest `size` pins of a board, as Pinterest lists them. */
  onBoard(boardId: string, size: number) {
    return [...this.#pins.values()]
      .filter((pin) => pin.boardId === boardId)
      .reverse()
      .slice(0, size)
      .map((pin) => this.#pinJson(pin))
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
      media: {
        media_type:
          pin.media[0]?.kind === 'video'
            ? 'video'
            : pin.media.length > 1
              ? 'multiple_images'
              : 'image',
      },
    }
  }

  routes(s: FakeServer) {
    s.route('POST', '/v5/pins', async (request) => {
      const denied = this.host.auth(request, 'pins:write') ?? invalidBody(request, '/pins')
      if (denied) return denied
      const body = request.body
      if (!body.board_id || !body.media_source)
        return failure(400, 1, 'board_id and media_source are required.')
      const board = BOARDS.find((b) => b.id === body.board_id)
      if (!board) return failure(404, 404, 'Board not found.')
      if (board.privacy === 'SECRET' && !this.host.hasScope(request.bearer!, 'pins:write_secret'))
        return failure(403, 3, 'Missing scope pins:write_secret')
      if (
        body.board_section_id &&
        !(SECTIONS[board.id] ?? []).some((section) => section.id === body.board_section_id)
      ) {
        return failure(404, 404, 'Board section not found.')
      }
      const media = await this.host.media.mediaOf(body.media_source)
      if ('error' in media) return failure(400, 1, media.error)
      const pin: Pin = {
        id: this.host.newId(),
        boardId: board.id,
        boardSectionId: body.board_section_id ?? null,
        title: body.title ?? null,
        text: body.description ?? '',
        link: body.link ?? null,
        altText: body.alt_text ?? null,
        // One alt text per Pin: it describes the Pin (its first image), carousel items have none.
        media: media.kinds.map((kind, index) => ({
          kind,
          altText: index === 0 ? (body.alt_text ?? null) : null,
        })),
        createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        metrics: {
          IMPRESSION: 0,
          SAVE: 0,
          PIN_CLICK: 0,
          OUTBOUND_CLICK: 0,
          TOTAL_REACTIONS: 0,
          TOTAL_COMMENTS: 0,
        },
      }
      this.#pins.set(pin.id, pin)
      return { status: 201, json: this.#pinJson(pin) }
    })

    s.route('GET', '/v5/pins/:id/analytics', (request) => {
      const denied = this.host.auth(request, 'pins:read')
      if (denied) return denied
      const pin = this.#pins.get(request.params.id)
      if (!pin) return failure(404, 404, 'Pin not found.')
      const q = request.query
      const dates = [q.get('start_date'), q.get('end_date')]
      if (!dates.every((d) => d && /^\d{4}-\d{2}-\d{2}$/.test(d)))
        return failure(400, 1, 'start_date and end_date (YYYY-MM-DD) are required.')
      if (Date.parse(dates[0]!) < Date.now() - 90 * 86_400_000)
        return failure(400, 1, 'start_date cannot be more than 90 days ago.')
      const types = (q.get('metric_types') ?? '').split(',').filter(Boolean)
      if (!types.length || !metricTypesValid(types))
        return failure(400, 1, `Invalid metric_types: ${q.get('metric_types')}`)
      const summary: Record<string, number> = {}
      const lifetime: Record<string, number> = {}
      for (const type of types) {
        const value = pin.metrics[type as keyof Pin['metrics']] ?? 0
        if (type.startsWith('TOTAL_')) lifetime[type] = value
        else summary[type] = value
      }
      return {
        json: { all: { daily_metrics: [], summary_metrics: summary, lifetime_metrics: lifetime } },
      }
    })
  }
}

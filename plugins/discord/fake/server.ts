import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import type { PostMetrics } from '#sdk'
import { FakeServer, type FakeReply, type FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork, StoredPost } from '#sdk/testing/fake_network'
import { OpenApiValidator } from '#sdk/testing/openapi_validator'

const EXECUTE = '/webhooks/{webhook_id}/{webhook_token}'
const spec = new OpenApiValidator(
  fileURLToPath(new URL('./spec/openapi.subset.json', import.meta.url))
).precompile(['POST', EXECUTE, 'application/json'])

export const WEBHOOK = {
  id: '1198765432109876543',
  name: 'Pistache News',
  channel_id: '1187654321098765432',
  guild_id: '1176543210987654321',
}

interface Message extends StoredPost {
  id: string
  channelId: string
  likes: number
}

/** Discord's error answer: a JSON code and message. */
const error = (status: number, code: number, message: string): FakeReply => ({
  status,
  json: { code, message },
})

/**
 * A Discord channel webhook in miniature (fake/spec): get the webhook, execute it (JSON or
 * multipart with `payload_json` and `files[n]`), read a message it sent back with its reactions.
 */
export class FakeDiscord implements FakeNetwork {
  server = new FakeServer()
  publishPath = '^/webhooks/\\d+/[\\w-]+$'
  token = randomBytes(48).toString('base64url')

  #deleted = false
  #messages = new Map<string, Message>()
  #next = 1_200_000_000_000_000_000n

  get settings() {
    return { urls: { api: this.server.baseUrl } }
  }

  /** The webhook URL a user would copy from the channel's settings. */
  get webhookUrl() {
    return `https://discord.com/api/webhooks/${WEBHOOK.id}/${this.token}`
  }

  get credentials() {
    return { webhookUrl: this.webhookUrl }
  }

  static async start() {
    const fake = new FakeDiscord()
    fake.#routes()
    await fake.server.start()
    return fake
  }

  /** The stored credential is `<id>/<token>`; deleting the webhook is what ends it. */
  isTokenValid(credential: string) {
    return !this.#deleted && credential === `${WEBHOOK.id}/${this.token}`
  }

  /** A webhook URL never expires; the closest event is the server admin deleting the webhook. */
  expireAccessToken() {
    this.#deleted = true
  }

  storedPost(externalId: string) {
    return this.#messages.get(externalId)
  }

  /** Reactions are the one figure: `likes` is their total. */
  setMetrics(externalId: string, figures: Partial<PostMetrics>) {
    const message = this.#messages.get(externalId)
    if (!message) throw new Error(`no message ${externalId}`)
    message.likes = figures.likes ?? 0
  }

  messages() {
    return [...this.#messages.values()]
  }

  close() {
    return this.server.close()
  }

  /** 404 Unknown Webhook unless the path names this live webhook. */
  #webhook(request: FakeRequest): FakeReply | null {
    const { id, token } = request.params
    return !this.#deleted && id === WEBHOOK.id && token === this.token
      ? null
      : error(404, 10015, 'Unknown Webhook')
  }

  #messageJson(message: Message) {
    return {
      id: message.id,
      type: 0,
      channel_id: message.channelId,
      content: message.text,
      webhook_id: WEBHOOK.id,
      attachments: message.media.map((item, index) => ({
        id: String(index),
        description: item.altText ?? undefined,
      })),
      ...(message.likes ? { reactions: [{ count: message.likes, emoji: { name: '👍' } }] } : {}),
    }
  }

  #execute(request: FakeRequest): FakeReply {
    const unknown = this.#webhook(request)
    if (unknown) return unknown
    const multipart = String(request.headers['content-type'] ?? '').includes('multipart/form-data')
    const payload = multipart ? JSON.parse(request.body.payload_json ?? '{}') : request.body
    const problems = spec.validateBody('POST', EXECUTE, 'application/json', payload)
    if (problems.length) return error(400, 50035, `Invalid Form Body: ${problems.join('; ')}`)
    const attachments = (payload.attachments ?? []) as { id: string; description?: string }[]
    const files = Object.entries(request.files).filter(([name]) => /^files\[\d+\]$/.test(name))
    if (files.length !== attachments.length)
      return error(400, 50035, 'Invalid Form Body: attachments and files do not match')
    if (!payload.content && !files.length) return error(400, 50006, 'Cannot send an empty message')
    if (String(payload.content ?? '').length > 2000)
      return error(400, 50035, 'Invalid Form Body: content must be 2000 or fewer in length')
    const media = attachments.map((attachment) => {
      const file = request.files[`files[${attachment.id}]`]?.[0]
      return {
        kind: file?.type.startsWith('video/') ? ('video' as const) : ('image' as const),
        altText: attachment.description ?? null,
      }
    })
    const message: Message = {
      id: String(this.#next++),
      channelId: WEBHOOK.channel_id,
      text: String(payload.content ?? ''),
      media,
      likes: 0,
    }
    this.#messages.set(message.id, message)
    // Without ?wait=true Discord answers 204 and no message: the plugin must ask to wait.
    if (request.query.get('wait') !== 'true') return { status: 204, text: '' }
    return { json: this.#messageJson(message) }
  }

  #routes() {
    const s = this.server
    s.route('GET', '/webhooks/:id/:token', (request) => {
      return (
        this.#webhook(request) ?? {
          json: { ...WEBHOOK, type: 1, avatar: null, application_id: null, token: this.token },
        }
      )
    })
    s.route('POST', '/webhooks/:id/:token', (request) => this.#execute(request))
    s.route('GET', '/webhooks/:id/:token/messages/:message', (request) => {
      const unknown = this.#webhook(request)
      if (unknown) return unknown
      const message = this.#messages.get(request.params.message)
      return message ? { json: this.#messageJson(message) } : error(404, 10008, 'Unknown Message')
    })
  }
}

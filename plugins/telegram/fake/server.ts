import { randomBytes } from 'node:crypto'
import type { PostMetrics } from '#sdk'
import { FakeServer, type FakeReply, type FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork, StoredPost } from '#sdk/testing/fake_network'
import { checkCall, isDocumentedMethod } from './bot_api_spec.js'

const BOT = { id: 7001234567, is_bot: true, first_name: 'Pistache Bot', username: 'pistache_bot' }
export const CHANNEL = {
  id: -1001234567890,
  type: 'channel' as const,
  title: 'Pistache News',
  username: 'pistache_news',
}

interface Post extends StoredPost {
  messageIds: number[]
}

/** Telegram's error answer: the HTTP status and the same code in the body. */
const error = (status: number, description: string): FakeReply => ({
  status,
  json: { ok: false, error_code: status, description },
})
const result = (value: unknown): FakeReply => ({ json: { ok: true, result: value } })

/**
 * The Bot API in miniature (fake/spec): one bot, one channel it administers, every
 * `/bot<token>/<method>` call checked against the documented parameters. Telegram gives bots
 * no statistics and no history, so there is nothing to read back: only what was sent.
 */
export class FakeTelegram implements FakeNetwork {
  server = new FakeServer()
  publishPath = '^/bot[^/]+/send(Message|Photo|Video|MediaGroup)$'
  /** The token @BotFather gave: valid until revoked there. */
  botToken = `${BOT.id}:${randomBytes(26).toString('base64url')}`
  /** Test knobs: the bot's rights in the channel. */
  botStatus: 'administrator' | 'member' | 'left' = 'administrator'
  canPostMessages = true

  #revoked = false
  #posts = new Map<string, Post>()
  #nextMessage = 100

  get settings() {
    return { urls: { api: this.server.baseUrl } }
  }

  /** What a user would type in the connect form. */
  get credentials() {
    return { botToken: this.botToken, chat: `@${CHANNEL.username}` }
  }

  static async start() {
    const fake = new FakeTelegram()
    fake.#routes()
    await fake.server.start()
    return fake
  }

  isTokenValid(token: string) {
    return token === this.botToken && !this.#revoked
  }

  /** A bot token never expires; the closest event is its owner revoking it in @BotFather. */
  expireAccessToken(token: string) {
    if (token === this.botToken) this.#revoked = true
  }

  storedPost(externalId: string) {
    return this.#posts.get(externalId)
  }

  /**
   * Telegram's flood control: the next send answers 429 with the wait in the body's
   * `parameters.retry_after` (ResponseParameters), and no Retry-After header.
   */
  floodWait(seconds: number) {
    this.server.failNext(this.publishPath, {
      kind: 'status',
      status: 429,
      json: {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${seconds}`,
        parameters: { retry_after: seconds },
      },
    })
  }

  /** Bots read no figures: nothing to set. */
  setMetrics(_externalId: string, _figures: Partial<PostMetrics>) {}

  /** Every post sent, oldest first (the functional tests count them). */
  posts() {
    return [...this.#posts.values()]
  }

  close() {
    return this.server.close()
  }

  #chat(chatId: unknown) {
    return String(chatId) === String(CHANNEL.id) || chatId === `@${CHANNEL.username}`
      ? CHANNEL
      : null
  }

  #store(text: string, media: StoredPost['media'], count = 1) {
    const messageIds = Array.from({ length: count }, () => this.#nextMessage++)
    const post: Post = { text, media, messageIds }
    this.#posts.set(String(messageIds[0]), post)
    return messageIds.map((id) => ({ message_id: id, date: Math.floor(Date.now() / 1000) }))
  }

  #call(request: FakeRequest): FakeReply {
    if (!this.isTokenValid(request.params.token)) return error(401, 'Unauthorized')
    const name = request.params.method
    if (!isDocumentedMethod(name)) return error(404, 'Not Found')
    const params: Record<string, unknown> = { ...request.body }
    for (const [field, files] of Object.entries(request.files)) params[field] = files[0].name
    // Parts named by `attach://<name>` belong to the album's items, not to the method.
    if (name === 'sendMediaGroup')
      for (const field of Object.keys(request.files)) delete params[field]
    const problems = checkCall(name, params)
    if (problems.length) return error(400, `Bad Request: ${problems.join('; ')}`)

    if (name === 'getMe') return result(BOT)
    const chat = this.#chat(params.chat_id)
    if (!chat) return error(400, 'Bad Request: chat not found')
    if (name === 'getChat') return result(chat)
    if (name === 'getChatMember') {
      if (String(params.user_id) !== String(BOT.id))
        return error(400, 'Bad Request: user not found')
      return result({
        user: BOT,
        status: this.botStatus,
        ...(this.botStatus === 'administrator' ? { can_post_messages: this.canPostMessages } : {}),
      })
    }
    const allowed = this.botStatus === 'administrator' && this.canPostMessages
    if (!allowed) return error(403, 'Forbidden: bot is not a member of the channel chat')
    return this.#send(name, params, request)
  }

  #send(name: string, params: Record<string, unknown>, request: FakeRequest): FakeReply {
    if (name === 'sendMessage') {
      const text = String(params.text)
      if (text.length > 4096) return error(400, 'Bad Request: message is too long')
      return result(this.#store(text, [])[0])
    }
    const caption = params.caption === undefined ? '' : String(params.caption)
    if (caption.length > 1024) return error(400, 'Bad Request: message caption is too long')
    if (name === 'sendPhoto' || name === 'sendVideo') {
      const field = name === 'sendPhoto' ? 'photo' : 'video'
      if (!request.files[field])
        return error(400, `Bad Request: there is no ${field} in the request`)
      const kind = field === 'photo' ? 'image' : 'video'
      return result(this.#store(caption, [{ kind, altText: null }])[0])
    }
    const items = JSON.parse(String(params.media)) as {
      type: string
      media: string
      caption?: string
    }[]
    if (items.length < 2 || items.length > 10)
      return error(400, 'Bad Request: wrong number of media in the album (2 to 10)')
    for (const item of items) {
      const part = item.media.replace(/^attach:\/\//, '')
      if (!request.files[part]) return error(400, `Bad Request: file ${part} is missing`)
    }
    const media = items.map((item) => ({
      kind: item.type === 'video' ? ('video' as const) : ('image' as const),
      altText: null,
    }))
    return result(this.#store(items[0].caption ?? '', media, items.length))
  }

  #routes() {
    this.server.route('POST', '/bot:token/:method', (request) => this.#call(request))
    this.server.route('GET', '/bot:token/:method', (request) => this.#call(request))
  }
}

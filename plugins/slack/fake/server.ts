import { randomBytes } from 'node:crypto'
import type { PostMetrics } from '#sdk'
import { consentRedirect } from '#sdk/testing/fake_oauth'
import type { FakeReply, FakeRequest } from '#sdk/testing/fake_server'
import type { FakeNetwork, StoredPost } from '#sdk/testing/fake_network'
import { PostStoreFake } from '#sdk/testing/post_store_fake'
import { checkCall, isDocumentedMethod } from './web_api_spec.js'

const CLIENT = { id: '1234567890.987654321', secret: 'fake-slack-client-secret' }
export const TEAM = { id: 'T0PISTACH', name: 'Pistache Agency', domain: 'pistache-agency' }
export const CHANNEL = { id: 'C0NEWS0001', name: '#news' }
const BOT = { userId: 'U0BOT00001', botId: 'B0BOT00001' }

interface Message extends StoredPost {
  ts: string
  metrics: Partial<PostMetrics>
}

/** Slack's refusal: HTTP 200, `ok: false` and the error's name. */
const refusal = (error: string): FakeReply => ({ json: { ok: false, error } })
const answer = (body: Record<string, unknown>): FakeReply => ({ json: { ok: true, ...body } })

/**
 * Slack's Web API in miniature (fake/spec): "Add to Slack" into one channel, bot tokens,
 * messages with image blocks showing uploaded files, history and reactions; every method's
 * arguments checked against the description.
 */
export class FakeSlack extends PostStoreFake<Message> implements FakeNetwork {
  publishPath = '^/chat\\.postMessage$'

  #codes = new Map<string, string>()
  /** Files uploaded, by id: completed or not, and the alt text given. */
  #files = new Map<string, { altText: string | null; bytes: number; completed: boolean }>()
  #clock = 1_765_000_000

  get settings() {
    return {
      urls: { api: this.server.baseUrl, authorize: `${this.server.baseUrl}/oauth/v2/authorize` },
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
    }
  }

  static async start() {
    const fake = new FakeSlack()
    fake.#routes()
    await fake.server.start()
    return fake
  }

  /** Slack's word for its posts. */
  messages() {
    return this.posts()
  }

  #access(given: Record<string, string>): FakeReply {
    if (given.client_id !== CLIENT.id || given.client_secret !== CLIENT.secret)
      return refusal('invalid_client_id')
    const redirectUri = this.#codes.get(given.code)
    this.#codes.delete(given.code)
    if (!redirectUri) return refusal('invalid_code')
    if (given.redirect_uri !== redirectUri) return refusal('bad_redirect_uri')
    const token = `xoxb-${randomBytes(18).toString('hex')}`
    // Bot tokens never expire; the nearest event is the app being uninstalled.
    this.accessTokens.set(token, Infinity)
    return answer({
      access_token: token,
      token_type: 'bot',
      scope:
        'chat:write,files:write,incoming-webhook,channels:history,groups:history,reactions:read',
      bot_user_id: BOT.userId,
      app_id: 'A0PISTACH1',
      team: { id: TEAM.id, name: TEAM.name },
      enterprise: null,
      incoming_webhook: {
        channel: CHANNEL.name,
        channel_id: CHANNEL.id,
        configuration_url: `https://${TEAM.domain}.slack.com/services/B0HOOK`,
        url: `https://hooks.slack.com/services/${TEAM.id}/B0HOOK/${randomBytes(12).toString('hex')}`,
      },
      authed_user: { id: 'U0HUMAN001' },
    })
  }

  #postMessage(given: Record<string, string>): FakeReply {
    if (given.channel !== CHANNEL.id) return refusal('channel_not_found')
    const blocks = given.blocks ? (JSON.parse(given.blocks) as any[]) : []
    const media: Message['media'] = []
    let text = given.text ?? ''
    for (const block of blocks) {
      if (block.type === 'section') {
        if (String(block.text?.text ?? '').length > 3000) return refusal('invalid_blocks')
        text = block.text.text
      } else if (block.type === 'image') {
        const file = this.#files.get(block.slack_file?.id)
        if (!file?.completed || !block.alt_text || block.alt_text.length > 2000)
          return refusal('invalid_blocks')
        media.push({ kind: 'image', altText: block.alt_text })
      } else return refusal('invalid_blocks')
    }
    if (!text && !media.length) return refusal('no_text')
    if (text.length > 40000) return refusal('msg_too_long')
    const ts = `${this.#clock++}.000${String(this.stored.size).padStart(3, '0')}`
    this.stored.set(ts, { ts, text, media, metrics: {} })
    return answer({
      channel: CHANNEL.id,
      ts,
      message: { type: 'message', text, ts, bot_id: BOT.botId },
    })
  }

  #getUploadUrl(given: Record<string, string>): FakeReply {
    if (!(Number(given.length) > 0)) return refusal('missing_argument')
    if ((given.alt_txt ?? '').length > 1000) return refusal('alt_txt_too_large')
    const id = `F${randomBytes(5).toString('hex').toUpperCase()}`
    this.#files.set(id, {
      altText: given.alt_txt ?? null,
      bytes: Number(given.length),
      completed: false,
    })
    return answer({ upload_url: `${this.server.baseUrl}/upload/v1/${id}`, file_id: id })
  }

  #complete(given: Record<string, string>): FakeReply {
    const files = JSON.parse(given.files) as { id: string }[]
    for (const { id } of files) {
      const file = this.#files.get(id)
      if (!file) return refusal('file_not_found')
      file.completed = true
    }
    return answer({ files: files.map(({ id }) => ({ id })) })
  }

  #history(given: Record<string, string>): FakeReply {
    if (given.channel !== CHANNEL.id) return refusal('channel_not_found')
    const newest = [...this.stored.values()].reverse().slice(0, Number(given.limit ?? 100))
    return answer({
      messages: newest.map((m) => ({ type: 'message', ts: m.ts, text: m.text, bot_id: BOT.botId })),
      has_more: false,
    })
  }

  #reactions(given: Record<string, string>): FakeReply {
    const message = this.stored.get(given.timestamp)
    if (given.channel !== CHANNEL.id || !message) return refusal('message_not_found')
    const likes = message.metrics.likes ?? 0
    return answer({
      type: 'message',
      channel: CHANNEL.id,
      message: {
        type: 'message',
        ts: message.ts,
        text: message.text,
        ...(likes
          ? {
              reactions: [
                { name: 'tada', count: likes - 1 },
                { name: '+1', count: 1 },
              ],
            }
          : {}),
        ...(message.metrics.comments ? { reply_count: message.metrics.comments } : {}),
      },
    })
  }

  /** Every Web API method: arguments checked, then the token, then the method itself. */
  #method(request: FakeRequest): FakeReply {
    const name = request.params.method
    if (!isDocumentedMethod(name)) return refusal('unknown_method')
    const given: Record<string, string> =
      request.method === 'GET' ? Object.fromEntries(request.query.entries()) : { ...request.body }
    const problems = checkCall(name, given, name === 'oauth.v2.access' ? null : request.bearer)
    if (problems.length)
      return {
        json: { ok: false, error: 'invalid_arguments', response_metadata: { messages: problems } },
      }
    if (name === 'oauth.v2.access') return this.#access(given)
    if (!request.bearer) return refusal('not_authed')
    if (!this.isTokenValid(request.bearer)) return refusal('invalid_auth')
    switch (name) {
      case 'auth.test':
        return answer({
          url: `https://${TEAM.domain}.slack.com/`,
          team: TEAM.name,
          team_id: TEAM.id,
          user_id: BOT.userId,
          bot_id: BOT.botId,
        })
      case 'auth.revoke':
        this.accessTokens.delete(request.bearer)
        return answer({ revoked: true })
      case 'chat.postMessage':
        return this.#postMessage(given)
      case 'files.getUploadURLExternal':
        return this.#getUploadUrl(given)
      case 'files.completeUploadExternal':
        return this.#complete(given)
      case 'conversations.history':
        return this.#history(given)
      default:
        return this.#reactions(given)
    }
  }

  #routes() {
    const s = this.server
    // Consent: the admin picks the channel (CHANNEL) and is sent back with a code.
    s.route('GET', '/oauth/v2/authorize', (request) => {
      const q = request.query
      if (q.get('client_id') !== CLIENT.id || !/^https?:\/\//.test(q.get('redirect_uri') ?? ''))
        return { status: 400, text: 'invalid authorization request' }
      if (!q.get('scope')?.split(',').includes('incoming-webhook'))
        return {
          status: 400,
          text: 'this fake installs into a channel: incoming-webhook is needed',
        }
      const code = randomBytes(12).toString('hex')
      this.#codes.set(code, q.get('redirect_uri')!)
      return consentRedirect(q.get('redirect_uri')!, { code, state: q.get('state') ?? '' })
    })
    // The file service's upload URL: the bytes, raw or as a multipart part; HTTP 200 "OK".
    s.route('POST', '/upload/v1/:id', (request) => {
      const file = this.#files.get(request.params.id)
      const part = Object.values(request.files)[0]?.[0]
      const size = part ? part.bytes.length : request.rawBody.length
      if (!file || size !== file.bytes) return { status: 400, text: 'upload does not match' }
      return { status: 200, text: `OK - ${size}` }
    })
    s.route('GET', '/:method', (request) => this.#method(request))
    s.route('POST', '/:method', (request) => this.#method(request))
  }
}
